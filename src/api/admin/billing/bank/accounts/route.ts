import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createBankAccountWorkflow } from "../../../../../workflows/payments/bank-account-workflow"
import { listRecords } from "../../records"
import { AdminCreateBankAccountType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await listRecords(req, res, "billing_bank_account", "bank_accounts")
}

/** Registers one of the merchant's own accounts: statements are only imported for registered accounts. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateBankAccountType>, res: MedusaResponse) => {
  const { result } = await createBankAccountWorkflow(req.scope).run({ input: req.validatedBody })
  res.status(201).json({ bank_account: result })
}
