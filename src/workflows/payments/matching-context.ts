import { MedusaContainer } from "@medusajs/framework/types"
import { BILLING_COLLECTION_MODULE } from "../../modules/billing-collection"
import type BillingCollectionModuleService from "../../modules/billing-collection/service"
import { BILLING_INVOICE_MODULE } from "../../modules/billing-invoice"
import type BillingInvoiceModuleService from "../../modules/billing-invoice/service"
import { BILLING_LEDGER_MODULE } from "../../modules/billing-ledger"
import type BillingLedgerModuleService from "../../modules/billing-ledger/service"
import { BILLING_PAYMENT_MODULE } from "../../modules/billing-payment"
import type BillingPaymentModuleService from "../../modules/billing-payment/service"
import { normaliseIban } from "../../domain/sepa/bank-account"
import type { OpenInvoice, PendingCollection } from "./matching-plan"

export const paymentModule = (container: MedusaContainer) => container.resolve<BillingPaymentModuleService>(BILLING_PAYMENT_MODULE)
export const collectionModule = (container: MedusaContainer) => container.resolve<BillingCollectionModuleService>(BILLING_COLLECTION_MODULE)

/**
 * The open items matching works on: every issued, not cancelled invoice with something open on the ledger
 * (one aggregate in the ledger), joined in memory with number, dates and buyer from the invoice module.
 */
export async function loadOpenInvoices(container: MedusaContainer, currencyCodes?: string[]): Promise<OpenInvoice[]> {
  const ledger = container.resolve<BillingLedgerModuleService>(BILLING_LEDGER_MODULE)
  const invoices = container.resolve<BillingInvoiceModuleService>(BILLING_INVOICE_MODULE)
  const currencies = currencyCodes ? new Set(currencyCodes.map((c) => c.toLowerCase())) : null
  const open = (await ledger.openInvoiceBalances()).filter((row) => !currencies || currencies.has(row.currency_code.toLowerCase()))
  if (!open.length) {
    return []
  }
  const details = new Map((await invoices.openItemDetails(open.map((row) => row.invoice_id))).map((row) => [row.id, row]))
  const result: OpenInvoice[] = []
  for (const row of open) {
    const invoice = details.get(row.invoice_id)
    // Cancelled invoices (open 0 anyway) and cancellation documents are no open items.
    if (!invoice?.issue_date || !invoice.due_date) {
      continue
    }
    result.push({
      invoice_id: row.invoice_id,
      invoice_number: invoice.number,
      customer_id: row.customer_id,
      customer_number: invoice.customer_number,
      customer_name: invoice.buyer_name,
      currency_code: row.currency_code,
      open_amount: row.open,
      total_amount: fixed(invoice.gross_total),
      issue_date: invoice.issue_date,
      due_date: invoice.due_date,
    })
  }
  return result
}

function fixed(value: string): string {
  const [whole, fraction = ""] = value.split(".")
  return `${whole}.${fraction.padEnd(2, "0").slice(0, 2)}`
}

/** Pending SEPA collections (end-to-end id, mandate, batch) from the collection module. */
export async function loadPendingCollections(container: MedusaContainer, filter: { end_to_end_ids?: string[] } = {}): Promise<PendingCollection[]> {
  return (await collectionModule(container).openCollections(filter)).map((c) => ({
    id: c.id,
    invoice_id: c.invoice_id,
    customer_id: c.customer_id,
    end_to_end_id: c.end_to_end_id,
    mandate_reference: c.mandate_reference,
    collection_date: c.collection_date,
    amount: c.amount,
    currency_code: c.currency_code,
    batch_id: c.batch_id,
    batch_message_id: c.batch_message_id,
    payment_information_id: c.payment_information_id,
  }))
}

/** IBAN → customers: learned from earlier bookings, plus the debtor accounts of the customers' SEPA mandates. */
export async function loadKnownIbans(container: MedusaContainer): Promise<Map<string, string[]>> {
  const known = await paymentModule(container).knownIbans()
  const mandates = await collectionModule(container).listBillingSepaMandates({}, { select: ["customer_id", "debtor_iban"] })
  for (const mandate of mandates) {
    const iban = normaliseIban(mandate.debtor_iban)
    const customers = known.get(iban) ?? []
    if (!customers.includes(mandate.customer_id)) {
      known.set(iban, [...customers, mandate.customer_id])
    }
  }
  return known
}
