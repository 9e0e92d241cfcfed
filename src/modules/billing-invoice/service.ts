import { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { describePaymentTerms, dueDate } from "../../domain/invoicing/due-date"
import { formatInvoiceNumber, numberSequenceScope } from "../../domain/invoicing/invoice-number"
import { bulkInsert } from "../../utils/bulk-insert"
import { bulkEntityId } from "../../utils/entity-id"
import { decimalField } from "../../utils/decimal-field"
import type { InvoiceDocument } from "../../documents/invoice-pdf"
import BillingRun from "./models/billing-run"
import Invoice from "./models/invoice"
import InvoiceLine from "./models/invoice-line"
import InvoiceNumberLog from "./models/invoice-number-log"
import InvoiceNumberSequence from "./models/invoice-number-sequence"
import InvoiceTaxTotal from "./models/invoice-tax-total"

export interface DraftInvoiceInput {
  invoice: Record<string, unknown> & { project_id: string; contract_id: string; customer_id: string; kind: "invoice" | "cancellation" }
  lines: Record<string, unknown>[]
  tax_totals: Record<string, unknown>[]
}

export interface IssuedInvoice {
  id: string
  project_id: string
  number: string
  issue_date: string
  due_date: string
  payment_terms: string | null
}

const INVOICE_AMOUNTS = ["net_total", "tax_total", "gross_total", "credit_applied", "amount_due"] as const
const LINE_AMOUNTS = ["quantity", "unit_price", "net_amount", "tax_rate"] as const
const TAX_TOTAL_AMOUNTS = ["rate", "net", "tax"] as const

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value))

/** A draft invoice row with every column the bulk insert writes (all rows of one insert carry the same keys). */
function invoiceRow(invoice: DraftInvoiceInput["invoice"]) {
  return {
    id: bulkEntityId("binv"),
    kind: invoice.kind,
    status: "draft" as const,
    number: null,
    project_id: invoice.project_id,
    contract_id: invoice.contract_id,
    contract_number: text(invoice.contract_number),
    customer_id: invoice.customer_id,
    cancels_invoice_id: text(invoice.cancels_invoice_id),
    cancelled_by_invoice_id: null,
    billing_run_id: text(invoice.billing_run_id),
    currency_code: String(invoice.currency_code),
    locale: text(invoice.locale) ?? "de",
    issue_date: null,
    due_date: null,
    service_from: String(invoice.service_from),
    service_to: String(invoice.service_to),
    net_total: String(invoice.net_total),
    tax_total: String(invoice.tax_total),
    gross_total: String(invoice.gross_total),
    credit_applied: String(invoice.credit_applied ?? "0"),
    amount_due: String(invoice.amount_due),
    seller: invoice.seller ?? {},
    buyer: invoice.buyer ?? {},
    notes: invoice.notes ?? [],
    payment_terms: text(invoice.payment_terms),
    payment_term_days: Number(invoice.payment_term_days ?? 14),
    document_file_id: null,
    issued_at: null,
  }
}

export type DraftInvoiceRow = ReturnType<typeof invoiceRow>

function lineRow(line: Record<string, unknown>, invoiceId: string) {
  return {
    id: bulkEntityId("binl"),
    invoice_id: invoiceId,
    position: Number(line.position),
    activity_id: text(line.activity_id),
    negates_line_id: text(line.negates_line_id),
    article_id: text(line.article_id),
    article_number: text(line.article_number),
    description: String(line.description),
    service_from: String(line.service_from),
    service_to: String(line.service_to),
    quantity: String(line.quantity),
    unit_price: String(line.unit_price),
    net_amount: String(line.net_amount),
    tax_rate: String(line.tax_rate),
    tax_category: String(line.tax_category),
  }
}

function taxTotalRow(total: Record<string, unknown>, invoiceId: string) {
  return {
    id: bulkEntityId("bitt"),
    invoice_id: invoiceId,
    category: String(total.category),
    rate: String(total.rate),
    net: String(total.net),
    tax: String(total.tax),
    note: text(total.note),
  }
}

/** The merchant as printed on invoices: the document's seller block plus an optional logo file. */
export type SellerProfile = InvoiceDocument["seller"] & { logo_path: string | null }

export interface BillingInvoiceModuleOptions {
  /** The merchant as printed on every invoice (§14 UStG: name, address, tax number or VAT id). */
  seller?: Partial<SellerProfile>
  /** Language of documents for customers without a `metadata.locale`. */
  default_locale?: "de" | "en"
  /** Sandbox/what-if use: allow real billing runs with `as_of` after today. */
  allow_future_billing_runs?: boolean
}

const DEFAULT_SELLER: SellerProfile = {
  name: "Demo Shop GmbH",
  address_lines: ["Musterstraße 1", "10115 Berlin"],
  country_code: "DE",
  vat_id: null,
  tax_number: null,
  email: null,
  phone: null,
  bank: null,
  logo_path: null,
}

export interface NumberFormats {
  project_code: string
  invoice: string
  cancellation: string
}

class BillingInvoiceModuleService extends MedusaService({
  BillingInvoice: Invoice,
  BillingInvoiceLine: InvoiceLine,
  BillingInvoiceTaxTotal: InvoiceTaxTotal,
  BillingInvoiceNumberSequence: InvoiceNumberSequence,
  BillingInvoiceNumberLog: InvoiceNumberLog,
  BillingRun,
}) {
  protected readonly options_: BillingInvoiceModuleOptions

  constructor(container: Record<string, unknown>, options: BillingInvoiceModuleOptions = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...(arguments as unknown as [Record<string, unknown>]))
    this.options_ = options ?? {}
  }

  sellerProfile(): SellerProfile {
    return { ...DEFAULT_SELLER, ...(this.options_.seller ?? {}) }
  }

  allowFutureBillingRuns(): boolean {
    return this.options_.allow_future_billing_runs === true
  }

  defaultLocale(): "de" | "en" {
    return this.options_.default_locale ?? "de"
  }

  /**
   * Drafts with their lines and tax totals, all or nothing, written with one statement per table (see
   * `bulkInsert`). A line whose activity is billed already fails the whole call with DUPLICATE_ERROR.
   */
  @InjectTransactionManager()
  async createDraftInvoices(drafts: DraftInvoiceInput[], @MedusaContext() sharedContext: Context = {}): Promise<DraftInvoiceRow[]> {
    if (!drafts.length) {
      return []
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const invoices = drafts.map((d) => invoiceRow(d.invoice))
    await bulkInsert(manager, "billing_invoice", invoices as unknown as Record<string, unknown>[], { bigNumbers: INVOICE_AMOUNTS })
    await bulkInsert(
      manager,
      "billing_invoice_line",
      drafts.flatMap((d, i) => d.lines.map((line) => lineRow(line, invoices[i].id))),
      { bigNumbers: LINE_AMOUNTS }
    )
    await bulkInsert(
      manager,
      "billing_invoice_tax_total",
      drafts.flatMap((d, i) => d.tax_totals.map((total) => taxTotalRow(total, invoices[i].id))),
      { bigNumbers: TAX_TOTAL_AMOUNTS }
    )
    return invoices
  }

  /**
   * Issues drafts: allocates each number from its project's format in the same transaction that freezes
   * the invoice, so a number is either on an issued document or was never taken. Drafts already issued
   * (by a concurrent or earlier run) are skipped. One sequence update per project and kind, one UPDATE for
   * all drafts and one INSERT for the number log, however many drafts there are.
   */
  @InjectTransactionManager()
  async issueInvoices(
    input: { invoice_ids: string[]; issue_date: string; formats: Record<string, NumberFormats> },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<IssuedInvoice[]> {
    if (!input.invoice_ids.length) {
      return []
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const drafts = (await manager.execute(
      `SELECT id, project_id, kind, payment_term_days, locale FROM billing_invoice
        WHERE id IN (?) AND status = 'draft' AND deleted_at IS NULL
        ORDER BY created_at, id FOR UPDATE SKIP LOCKED`,
      [input.invoice_ids]
    )) as { id: string; project_id: string; kind: "invoice" | "cancellation"; payment_term_days: number; locale: string }[]
    // Numbers follow the order the caller gave (a billing run: contract order).
    const order = new Map(input.invoice_ids.map((id, i) => [id, i]))
    drafts.sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    const groups = new Map<string, typeof drafts>()
    for (const draft of drafts) {
      const key = `${draft.project_id}|${draft.kind}`
      groups.set(key, [...(groups.get(key) ?? []), draft])
    }
    const issued: IssuedInvoice[] = []
    for (const group of groups.values()) {
      const { project_id, kind } = group[0]
      const formats = input.formats[project_id]
      if (!formats) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `No invoice number format for project ${project_id}`)
      }
      const format = formats[kind]
      const scope = numberSequenceScope(format, input.issue_date)
      const [{ last_value }] = (await manager.execute(
        `INSERT INTO billing_invoice_number_sequence (id, series, scope, last_value, created_at, updated_at)
         VALUES (?, ?, ?, ?, now(), now())
         ON CONFLICT (series, scope) WHERE deleted_at IS NULL DO UPDATE
           SET last_value = billing_invoice_number_sequence.last_value + EXCLUDED.last_value, updated_at = now()
         RETURNING last_value`,
        // The series is the format with the project filled in: a {PROJECT} format counts per project.
        [bulkEntityId("bins"), format.replace(/\{PROJECT\}/g, formats.project_code.toUpperCase()), scope, group.length]
      )) as { last_value: number }[]
      const first = Number(last_value) - group.length + 1
      group.forEach((draft, i) => {
        const locale = draft.locale === "en" ? "en" : "de"
        issued.push({
          id: draft.id,
          project_id: draft.project_id,
          number: formatInvoiceNumber(format, { issue_date: input.issue_date, seq: first + i, project_code: formats.project_code }),
          issue_date: input.issue_date,
          due_date: dueDate(input.issue_date, draft.payment_term_days),
          payment_terms: draft.kind === "invoice" ? describePaymentTerms(draft.payment_term_days, locale, input.issue_date) : null,
        })
      })
    }
    if (!issued.length) {
      return []
    }
    await manager.execute(
      `UPDATE billing_invoice AS i
          SET status = 'issued', number = v.number, issue_date = v.issue_date, due_date = v.due_date,
              payment_terms = v.payment_terms, issued_at = now(), updated_at = now()
         FROM jsonb_to_recordset(?::jsonb) AS v(id text, number text, issue_date text, due_date text, payment_terms text)
        WHERE i.id = v.id AND i.status = 'draft'`,
      [JSON.stringify(issued)]
    )
    await bulkInsert(
      manager,
      "billing_invoice_number_log",
      issued.map((i) => ({
        id: bulkEntityId("binlg"),
        project_id: i.project_id,
        number: i.number,
        invoice_id: i.id,
        event: "used",
        reason: null,
      }))
    )
    return issued
  }

  /**
   * What a billing run does per page: drafts written and issued in one transaction, so a crash leaves either
   * nothing or issued invoices with numbers — never a draft, never a used number without its document.
   */
  @InjectTransactionManager()
  async createIssuedInvoices(
    input: { drafts: DraftInvoiceInput[]; issue_date: string; formats: Record<string, NumberFormats> },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<IssuedInvoice[]> {
    const drafts = await this.createDraftInvoices(input.drafts, sharedContext)
    const issued = await this.issueInvoices({ invoice_ids: drafts.map((d) => d.id), issue_date: input.issue_date, formats: input.formats }, sharedContext)
    const byId = new Map(issued.map((i) => [i.id, i]))
    // Same order as the drafts given, so callers can pair them by index.
    return drafts.map((d) => byId.get(d.id)!)
  }

  /** Per invoice of these billing runs, the activities its lines bill (for marking them after a crash). */
  @InjectManager()
  async activityAssignments(runIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<{ invoice_id: string; activity_ids: string[] }[]> {
    if (!runIds.length) {
      return []
    }
    const manager = sharedContext.manager as SqlEntityManager
    return (await manager.execute(
      `SELECT l.invoice_id, array_agg(l.activity_id ORDER BY l.position) AS activity_ids
         FROM billing_invoice_line l JOIN billing_invoice i ON i.id = l.invoice_id
        WHERE i.billing_run_id IN (?) AND i.kind = 'invoice' AND i.deleted_at IS NULL AND l.deleted_at IS NULL
          AND l.activity_id IS NOT NULL AND l.negates_line_id IS NULL
        GROUP BY l.invoice_id`,
      [runIds]
    )) as { invoice_id: string; activity_ids: string[] }[]
  }

  /** Removes drafts a run could not finish (no number was taken for them, so nothing to log). */
  @InjectTransactionManager()
  async discardDrafts(invoiceIds: string[], @MedusaContext() sharedContext: Context = {}) {
    if (!invoiceIds.length) {
      return
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    await manager.execute(`DELETE FROM billing_invoice_line WHERE invoice_id IN (?) AND invoice_id IN (SELECT id FROM billing_invoice WHERE status = 'draft')`, [invoiceIds])
    await manager.execute(`DELETE FROM billing_invoice_tax_total WHERE invoice_id IN (?) AND invoice_id IN (SELECT id FROM billing_invoice WHERE status = 'draft')`, [invoiceIds])
    await manager.execute(`DELETE FROM billing_invoice WHERE id IN (?) AND status = 'draft'`, [invoiceIds])
  }

  /** The one change an issued invoice allows besides its PDF: being cancelled by a cancellation document. */
  @InjectTransactionManager()
  async markCancelled(invoiceId: string, cancellationId: string, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const rows = (await manager.execute(
      `UPDATE billing_invoice SET status = 'cancelled', cancelled_by_invoice_id = ?, updated_at = now()
        WHERE id = ? AND status = 'issued' AND kind = 'invoice' RETURNING id`,
      [cancellationId, invoiceId]
    )) as { id: string }[]
    if (!rows.length) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `invoice ${invoiceId} is not an issued invoice and cannot be cancelled`)
    }
  }

  /**
   * Cancels an issued invoice in one transaction: a cancellation document with its own number, the original's
   * lines negated (each pointing at the line it negates) and totals negated, and the original marked
   * cancelled. Calling it again for an already cancelled invoice returns the existing cancellation.
   */
  @InjectTransactionManager()
  async cancelInvoice(
    input: { invoice_id: string; issue_date: string; formats: NumberFormats; reason: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ cancellation_id: string; created: boolean }> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const [original] = (await manager.execute(`SELECT id, status, kind, cancelled_by_invoice_id FROM billing_invoice WHERE id = ? AND deleted_at IS NULL FOR UPDATE`, [
      input.invoice_id,
    ])) as { id: string; status: string; kind: string; cancelled_by_invoice_id: string | null }[]
    if (!original) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `invoice "${input.invoice_id}" was not found`)
    }
    if (original.status === "cancelled" && original.cancelled_by_invoice_id) {
      return { cancellation_id: original.cancelled_by_invoice_id, created: false }
    }
    if (original.status !== "issued" || original.kind !== "invoice") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `invoice "${input.invoice_id}" is ${original.status === "draft" ? "not issued yet" : `a ${original.kind}`} and cannot be cancelled`)
    }
    const doc = await this.retrieveBillingInvoice(input.invoice_id, { relations: ["lines", "tax_totals"] }, sharedContext)
    const negate = (row: object, field: string) => {
      const value = decimalField(row as Record<string, unknown>, field as never) as string
      return value.startsWith("-") ? value.slice(1) : value === "0" || /^0(\.0+)?$/.test(value) ? value : `-${value}`
    }
    const [cancellation] = await this.createDraftInvoices(
      [
        {
          invoice: {
            kind: "cancellation",
            project_id: doc.project_id,
            contract_id: doc.contract_id,
            contract_number: doc.contract_number,
            customer_id: doc.customer_id,
            cancels_invoice_id: doc.id,
            currency_code: doc.currency_code,
            locale: doc.locale,
            service_from: doc.service_from,
            service_to: doc.service_to,
            net_total: negate(doc, "net_total"),
            tax_total: negate(doc, "tax_total"),
            gross_total: negate(doc, "gross_total"),
            credit_applied: "0",
            amount_due: negate(doc, "gross_total"),
            seller: doc.seller,
            buyer: doc.buyer,
            notes: input.reason ? [...((doc.notes as unknown as string[]) ?? []), input.reason] : doc.notes,
            payment_term_days: 0,
          },
          lines: doc.lines.map((line) => ({
            position: line.position,
            activity_id: line.activity_id,
            negates_line_id: line.id,
            article_id: line.article_id,
            article_number: line.article_number,
            description: line.description,
            service_from: line.service_from,
            service_to: line.service_to,
            quantity: negate(line, "quantity"),
            unit_price: decimalField(line, "unit_price"),
            net_amount: negate(line, "net_amount"),
            tax_rate: decimalField(line, "tax_rate"),
            tax_category: line.tax_category,
          })),
          tax_totals: doc.tax_totals.map((total) => ({
            category: total.category,
            rate: decimalField(total, "rate"),
            net: negate(total, "net"),
            tax: negate(total, "tax"),
          })),
        },
      ],
      sharedContext
    )
    await this.issueInvoices(
      { invoice_ids: [cancellation.id], issue_date: input.issue_date, formats: { [doc.project_id]: input.formats } },
      sharedContext
    )
    await this.markCancelled(doc.id, cancellation.id, sharedContext)
    return { cancellation_id: cancellation.id, created: true }
  }

  /**
   * What bank matching shows and matches of issued, not cancelled invoices (of these ids): number, customer,
   * dates, gross total, the buyer's name (the company, else the person) and customer number. Read in pages of
   * 5,000 ids, so it serves 100,000 open items.
   */
  @InjectManager()
  async openItemDetails(
    invoiceIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<
    { id: string; number: string; customer_id: string; currency_code: string; gross_total: string; issue_date: string; due_date: string; buyer_name: string | null; customer_number: string | null }[]
  > {
    const manager = sharedContext.manager as SqlEntityManager
    const result: Awaited<ReturnType<BillingInvoiceModuleService["openItemDetails"]>> = []
    for (let i = 0; i < invoiceIds.length; i += 5000) {
      const rows = (await manager.execute(
        `SELECT id, number, customer_id, currency_code, gross_total::text AS gross_total, issue_date, due_date,
                COALESCE(NULLIF(buyer->>'company', ''), buyer->>'name') AS buyer_name, buyer->>'customer_number' AS customer_number
           FROM billing_invoice
          WHERE id IN (?) AND kind = 'invoice' AND status = 'issued' AND deleted_at IS NULL`,
        [invoiceIds.slice(i, i + 5000)]
      )) as Awaited<ReturnType<BillingInvoiceModuleService["openItemDetails"]>>
      result.push(...rows)
    }
    return result
  }
}

export default BillingInvoiceModuleService
