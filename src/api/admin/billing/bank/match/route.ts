import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { matchBankTransactionsExclusively } from "../../../../../workflows/payments/match-bank-transactions-workflow"
import { AdminMatchBankTransactionsType } from "../validators"

/** Runs matching now (the same run the import job starts), optionally over the review queue again. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminMatchBankTransactionsType>, res: MedusaResponse) => {
  const matching = await matchBankTransactionsExclusively(req.scope, { include_review: req.validatedBody.include_review ?? false })
  res.json({ matching })
}
