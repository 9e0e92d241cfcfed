import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listRecords } from "../records"

/** Every invoice mail with recipient, subject, status, the SMTP error text and the number of attempts. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await listRecords(req, res, "billing_mail_log", "mail_log")
}
