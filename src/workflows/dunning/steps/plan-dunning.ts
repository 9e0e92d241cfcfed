import { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { addDays } from "../../../domain/calendar-date"
import { fillTemplate } from "../../../domain/dunning/options"
import { DunningCandidate, planDunning, SkippedInvoice } from "../../../domain/dunning/plan"
import { formatDate, formatMoney } from "../../../documents/format"
import { BILLING_COLLECTION_MODULE } from "../../../modules/billing-collection"
import BillingCollectionModuleService from "../../../modules/billing-collection/service"
import { BILLING_DUNNING_MODULE } from "../../../modules/billing-dunning"
import BillingDunningModuleService, { NewDunningNotice } from "../../../modules/billing-dunning/service"
import { BILLING_INVOICE_MODULE } from "../../../modules/billing-invoice"
import BillingInvoiceModuleService from "../../../modules/billing-invoice/service"
import { BILLING_LEDGER_MODULE } from "../../../modules/billing-ledger"
import BillingLedgerModuleService from "../../../modules/billing-ledger/service"
import { decimalField } from "../../../utils/decimal-field"
import { DunningRunInput } from "../types"

export interface DunningRunPlan {
  notices: NewDunningNotice[]
  skipped: (SkippedInvoice & { invoice_number: string })[]
}

const CHUNK = 5000

function chunks<T>(values: T[]): T[][] {
  return Array.from({ length: Math.ceil(values.length / CHUNK) }, (_, i) => values.slice(i * CHUNK, (i + 1) * CHUNK))
}

/**
 * What a dunning run on `as_of` sends: the open items of the ledger joined with their invoices (due date,
 * number, status, locale), their notices so far, pending direct debits and the customers' balances, handed
 * to the pure `planDunning`; each planned notice gets its texts in the invoice's language.
 */
export async function loadDunningPlan(container: MedusaContainer, input: DunningRunInput): Promise<DunningRunPlan> {
  const dunning = container.resolve<BillingDunningModuleService>(BILLING_DUNNING_MODULE)
  const ledger = container.resolve<BillingLedgerModuleService>(BILLING_LEDGER_MODULE)
  const invoiceModule = container.resolve<BillingInvoiceModuleService>(BILLING_INVOICE_MODULE)
  const collections = container.resolve<BillingCollectionModuleService>(BILLING_COLLECTION_MODULE)
  const options = dunning.dunningOptions()

  const open = await ledger.openInvoiceBalances()
  // Nothing can be due before the first level's days have passed since the due date.
  const dueOnOrBefore = addDays(input.as_of, -options.levels[0].days_after_due)
  const invoices = []
  for (const ids of chunks(open.map((row) => row.invoice_id))) {
    invoices.push(
      ...(await invoiceModule.listBillingInvoices(
        { id: ids, kind: "invoice", due_date: { $lte: dueOnOrBefore } },
        { select: ["id", "number", "status", "customer_id", "currency_code", "locale", "issue_date", "due_date", "gross_total", "raw_gross_total", "seller"] }
      ))
    )
  }
  if (!invoices.length) {
    return { notices: [], skipped: [] }
  }
  const ids = invoices.map((invoice) => invoice.id)
  const openById = new Map(open.map((row) => [row.invoice_id, row]))
  const lastNotice = new Map((await dunning.latestNotices(ids)).map((row) => [row.invoice_id, row]))
  const pending = new Set((await collections.openCollections({ invoice_ids: ids })).map((collection) => collection.invoice_id))
  const balances = await ledger.customerBalances([...new Set(invoices.map((invoice) => invoice.customer_id))])

  const candidates: DunningCandidate[] = invoices.map((invoice) => {
    const last = lastNotice.get(invoice.id)
    const row = openById.get(invoice.id)!
    return {
      invoice_id: invoice.id,
      // The ledger's view of whose open item it is and in which currency.
      customer_id: row.customer_id,
      currency_code: row.currency_code,
      status: invoice.status,
      due_date: invoice.due_date,
      open_amount: row.open,
      last_notice: last ? { level: last.level, notice_date: last.notice_date } : null,
      pending_direct_debit: pending.has(invoice.id),
    }
  })
  const plan = planDunning({ as_of: input.as_of, options, candidates, customer_balances: balances })
  const invoiceById = new Map(invoices.map((invoice) => [invoice.id, invoice]))
  const levelOf = new Map(options.levels.map((level) => [level.level, level]))
  const deadline = addDays(input.as_of, options.payment_deadline_days)
  return {
    notices: plan.notices.map((planned) => {
      const invoice = invoiceById.get(planned.invoice_id)!
      const level = levelOf.get(planned.level)!
      const locale = invoice.locale === "en" ? "en" : "de"
      const money = (value: string) => formatMoney(value, planned.currency_code, locale)
      const values = {
        title: level.title[locale],
        level: String(level.level),
        invoice_number: invoice.number as string,
        invoice_date: formatDate(invoice.issue_date as string, locale),
        due_date: formatDate(invoice.due_date as string, locale),
        open_amount: money(planned.open_amount),
        fee: money(planned.fee),
        total: money(planned.total),
        deadline: formatDate(deadline, locale),
        seller_name: (invoice.seller as { name?: string } | null)?.name ?? "",
      }
      return {
        invoice_id: planned.invoice_id,
        invoice_number: invoice.number as string,
        invoice_issue_date: invoice.issue_date as string,
        invoice_due_date: invoice.due_date as string,
        invoice_total: decimalField(invoice, "gross_total") as string,
        customer_id: planned.customer_id,
        currency_code: planned.currency_code,
        locale,
        level: planned.level,
        notice_date: input.as_of,
        payment_deadline: deadline,
        open_amount: planned.open_amount,
        fee: planned.fee,
        total: planned.total,
        title: values.title,
        subject: fillTemplate(level.subject[locale], values),
        text: fillTemplate(level.text[locale], values),
        trigger: input.trigger,
      }
    }),
    skipped: plan.skipped.map((skip) => ({ ...skip, invoice_number: invoiceById.get(skip.invoice_id)?.number as string })),
  }
}

export const planDunningStepId = "billing-dunning-plan"

/** Reads only: the notices this run sends and the overdue invoices it skips, with the reason. */
export const planDunningStep = createStep(planDunningStepId, async (input: DunningRunInput, { container }) => {
  return new StepResponse(await loadDunningPlan(container, input))
})
