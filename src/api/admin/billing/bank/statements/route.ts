import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { importBankStatementExclusively } from "../../../../../workflows/payments/import-bank-statement-workflow"
import { listRecords } from "../../records"
import { AdminImportBankStatementType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await listRecords(req, res, "billing_bank_statement", "bank_statements")
}

/**
 * Imports a statement file (camt.053/054, MT940, CSV) sent as JSON with its bytes base64-encoded, then
 * matches what it brought. All or nothing: a file that cannot be read, or names an unregistered account, is a
 * 400 naming the place and stores nothing. Entries imported before are skipped.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminImportBankStatementType>, res: MedusaResponse) => {
  const body = req.validatedBody
  const { import: imported, matching } = await importBankStatementExclusively(req.scope, {
    source: "upload",
    file_name: body.file_name,
    content_base64: body.content_base64,
    format: body.format,
    csv_layout: body.csv_layout as never,
    currency: body.currency,
  })
  const { transaction_ids: _ids, ...summary } = imported
  res.status(201).json({ import: summary, matching })
}
