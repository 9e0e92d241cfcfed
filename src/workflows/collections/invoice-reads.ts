import { MedusaContainer } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import { BILLING_CONTRACT_MODULE } from "../../modules/billing-contract"
import BillingContractModuleService from "../../modules/billing-contract/service"
import { BILLING_INVOICE_MODULE } from "../../modules/billing-invoice"
import BillingInvoiceModuleService from "../../modules/billing-invoice/service"
import { BILLING_LEDGER_MODULE } from "../../modules/billing-ledger"
import BillingLedgerModuleService from "../../modules/billing-ledger/service"

const CHUNK = 5000

export interface CollectableInvoice {
  id: string
  number: string | null
  kind: "invoice" | "cancellation"
  status: "draft" | "issued" | "cancelled"
  contract_id: string
  customer_id: string
  currency_code: string
  issue_date: string | null
  due_date: string | null
}

export interface InvoiceWithContract extends CollectableInvoice {
  payment_method: string | null
  /** From the ledger; "0.00" when nothing was posted. */
  open_amount: string
}

async function chunked<T>(ids: string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < ids.length; i += CHUNK) {
    out.push(...(await read(ids.slice(i, i + CHUNK))))
  }
  return out
}

const INVOICE_FIELDS = ["id", "number", "kind", "status", "contract_id", "customer_id", "currency_code", "issue_date", "due_date"]

/** These invoices (whatever their state) with their contract's payment method and open amount. */
export async function readInvoices(container: MedusaContainer, invoiceIds: string[]): Promise<InvoiceWithContract[]> {
  const invoices = container.resolve<BillingInvoiceModuleService>(BILLING_INVOICE_MODULE)
  const rows = (await chunked(invoiceIds, (ids) => invoices.listBillingInvoices({ id: ids }, { select: INVOICE_FIELDS }))) as CollectableInvoice[]
  return withContractAndBalance(container, rows)
}

/**
 * Issued invoices (not cancelled, no cancellation documents) of contracts paying by `paymentMethod` that
 * still have something open in the ledger.
 */
export async function openInvoicesPaidBy(container: MedusaContainer, paymentMethod: "sepa_debit" | "card", contractIds?: string[]): Promise<InvoiceWithContract[]> {
  const contracts = container.resolve<BillingContractModuleService>(BILLING_CONTRACT_MODULE)
  const invoices = container.resolve<BillingInvoiceModuleService>(BILLING_INVOICE_MODULE)
  const filter = contractIds ? { payment_method: paymentMethod, id: contractIds } : { payment_method: paymentMethod }
  const paying = contractIds && !contractIds.length ? [] : await contracts.listBillingContracts(filter, { select: ["id"] })
  const rows = (await chunked(
    paying.map((c) => c.id),
    (ids) => invoices.listBillingInvoices({ contract_id: ids, status: "issued", kind: "invoice" }, { select: INVOICE_FIELDS })
  )) as CollectableInvoice[]
  return (await withContractAndBalance(container, rows)).filter((invoice) => MathBN.gt(invoice.open_amount, 0))
}

async function withContractAndBalance(container: MedusaContainer, rows: CollectableInvoice[]): Promise<InvoiceWithContract[]> {
  if (!rows.length) {
    return []
  }
  const contracts = container.resolve<BillingContractModuleService>(BILLING_CONTRACT_MODULE)
  const ledger = container.resolve<BillingLedgerModuleService>(BILLING_LEDGER_MODULE)
  const contractIds = [...new Set(rows.map((r) => r.contract_id))]
  const methods = new Map(
    (await chunked(contractIds, (ids) => contracts.listBillingContracts({ id: ids }, { select: ["id", "payment_method"] }))).map((c) => [c.id, c.payment_method as string])
  )
  const balances = new Map(
    (await chunked(rows.map((r) => r.id), (ids) => ledger.invoiceBalances({ invoice_ids: ids }))).map((b) => [b.invoice_id, b.open])
  )
  return rows.map((row) => ({ ...row, payment_method: methods.get(row.contract_id) ?? null, open_amount: balances.get(row.id) ?? "0.00" }))
}
