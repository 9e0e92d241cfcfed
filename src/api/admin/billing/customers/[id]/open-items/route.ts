import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { BILLING_LEDGER_MODULE } from "../../../../../../modules/billing-ledger"
import BillingLedgerModuleService from "../../../../../../modules/billing-ledger/service"
import { assertExists } from "../../../records"

/** The customer's issued invoices with what is still open on each (what dunning and bank matching work on). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await assertExists(req, "customer", req.params.id)
  const ledger = req.scope.resolve<BillingLedgerModuleService>(BILLING_LEDGER_MODULE)
  const balances = await ledger.invoiceBalances({ customer_id: req.params.id })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: invoices } = balances.length
    ? await query.graph({
        entity: "billing_invoice",
        fields: ["id", "number", "kind", "status", "issue_date", "due_date", "gross_total", "currency_code"],
        filters: { id: balances.map((b) => b.invoice_id), kind: "invoice" },
      })
    : { data: [] as Record<string, unknown>[] }
  const byId = new Map(balances.map((b) => [b.invoice_id, b]))
  const items = (invoices as { id: string; due_date: string }[])
    .map((invoice) => ({ ...invoice, open_amount: byId.get(invoice.id)?.open ?? "0.00" }))
    // A negative remainder (a paid invoice that was cancelled) is credit on the account, not an open item.
    .filter((item) => MathBN.gt(item.open_amount, 0))
    .sort((a, b) => (a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : 0))
  res.json({ customer_id: req.params.id, open_items: items })
}
