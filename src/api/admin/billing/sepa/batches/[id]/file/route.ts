import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { fetchRecord } from "../../../../records"

/** The batch's pain.008.001.08 XML as stored when it was generated (application/xml), for upload to the bank. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const batch = (await fetchRecord(req, "billing_sepa_batch", req.params.id, ["id", "file_id", "file_name"])) as { file_id: string | null; file_name: string }
  if (!batch.file_id) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `SEPA batch "${req.params.id}" has no stored file`)
  }
  const xml = await req.scope.resolve(Modules.FILE).getAsBuffer(batch.file_id)
  res.setHeader("Content-Type", "application/xml; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="${batch.file_name}"`)
  res.send(xml)
}
