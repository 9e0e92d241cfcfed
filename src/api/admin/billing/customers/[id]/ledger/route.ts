import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_LEDGER_MODULE } from "../../../../../../modules/billing-ledger"
import BillingLedgerModuleService from "../../../../../../modules/billing-ledger/service"
import { assertExists } from "../../../records"
import { AdminLedgerParamsType } from "../../../billing-validators"

/** The customer account in one currency: balance (positive = owes, negative = credit) and statement with running balance. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await assertExists(req, "customer", req.params.id)
  const currency = (req.validatedQuery as AdminLedgerParamsType).currency_code ?? "eur"
  const ledger = req.scope.resolve<BillingLedgerModuleService>(BILLING_LEDGER_MODULE)
  const statement = await ledger.customerStatement(req.params.id, currency)
  res.json({ customer_id: req.params.id, currency_code: currency, balance: statement.balance, entries: statement.lines })
}
