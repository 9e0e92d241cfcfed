import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_COLLECTION_MODULE } from "../../../modules/billing-collection"
import BillingCollectionModuleService from "../../../modules/billing-collection/service"
import { InvoiceWithContract, openInvoicesPaidBy, readInvoices } from "../invoice-reads"
import { StoredMandate } from "../mandate-rules"
import { SepaCandidate, SkippedInvoice } from "../sepa-batch-plan"

export interface LoadSepaCandidatesInput {
  /** Only these invoices; each one that cannot be collected is reported with the reason. */
  invoice_ids?: string[] | null
}

/** Why an explicitly requested invoice is no SEPA candidate, or null. */
function ineligibility(invoice: InvoiceWithContract): string | null {
  if (invoice.kind !== "invoice") {
    return "is a cancellation document"
  }
  if (invoice.status !== "issued") {
    return invoice.status === "draft" ? "is a draft" : "is cancelled"
  }
  if (invoice.payment_method !== "sepa_debit") {
    return `payment_method: its contract ${invoice.contract_id} pays by ${invoice.payment_method ?? "an unknown method"}, not sepa_debit`
  }
  return null
}

/**
 * Reads what a batch may collect: issued, unpaid invoices of contracts paying by SEPA direct debit that
 * are not in a pending (or settled) collection, with the customer's active mandate. Reads only.
 */
export const loadSepaCandidatesStep = createStep("billing-load-sepa-candidates", async (input: LoadSepaCandidatesInput, { container }) => {
  const service = container.resolve<BillingCollectionModuleService>(BILLING_COLLECTION_MODULE)
  const skipped: SkippedInvoice[] = []
  let invoices: InvoiceWithContract[]
  if (input.invoice_ids) {
    const requested = [...new Set(input.invoice_ids)]
    const found = await readInvoices(container, requested)
    const missing = requested.filter((id) => !found.some((invoice) => invoice.id === id))
    if (missing.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `invoice_ids: ${missing.join(", ")} ${missing.length === 1 ? "was" : "were"} not found`)
    }
    invoices = found.filter((invoice) => {
      const reason = ineligibility(invoice)
      if (reason) {
        skipped.push({ invoice_id: invoice.id, invoice_number: invoice.number, customer_id: invoice.customer_id, reason })
      }
      return !reason
    })
  } else {
    invoices = await openInvoicesPaidBy(container, "sepa_debit")
  }

  const inCollection = new Map((await service.invoicesInCollection(invoices.map((i) => i.id))).map((row) => [row.invoice_id, row.status]))
  invoices = invoices.filter((invoice) => {
    const status = inCollection.get(invoice.id)
    if (status && input.invoice_ids) {
      skipped.push({
        invoice_id: invoice.id,
        invoice_number: invoice.number,
        customer_id: invoice.customer_id,
        reason: status === "pending" ? "is already in a pending collection" : "was collected and the money has arrived (settled collection)",
      })
    }
    return !status
  })

  const customerIds = [...new Set(invoices.map((i) => i.customer_id))]
  const mandates = customerIds.length ? await service.listBillingSepaMandates({ customer_id: customerIds, status: "active" }) : []
  const mandateOf = new Map(mandates.map((m) => [m.customer_id, m]))
  const counts = await service.collectionCounts(invoices.map((i) => i.id))
  const candidates: SepaCandidate[] = invoices.map((invoice) => {
    const mandate = mandateOf.get(invoice.customer_id)
    return {
      invoice_id: invoice.id,
      invoice_number: invoice.number,
      customer_id: invoice.customer_id,
      contract_id: invoice.contract_id,
      currency_code: invoice.currency_code,
      issue_date: invoice.issue_date,
      due_date: invoice.due_date,
      open_amount: invoice.open_amount,
      mandate: mandate ? ({ ...(mandate as unknown as StoredMandate), id: mandate.id }) : null,
      previous_collections: counts.get(invoice.id) ?? 0,
    }
  })
  return new StepResponse({ candidates, skipped })
})
