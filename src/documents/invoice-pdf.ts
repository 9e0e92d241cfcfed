/**
 * Renders an invoice or cancellation invoice (Stornorechnung) as a PDF with
 * pdfkit, carrying every mandatory field of § 14 Abs. 4 UStG:
 *
 * - seller and buyer full name and address (buyer block; seller at the top
 *   and in the footer of every page),
 * - seller tax number and/or VAT id (footer), the buyer's VAT id when given
 *   (reverse charge, buyer block),
 * - issue date and the unique invoice number (info block),
 * - quantity and kind of every service (line table), the service period
 *   (Leistungszeitraum: info block for the document, below each line for the
 *   line),
 * - net amount per tax rate, the rate and the tax amount per rate, or the
 *   exemption note (totals block and notes),
 * - the gross total, plus the applied credit and the amount due when a
 *   credit was applied, payment terms and bank details.
 *
 * Formatting: locale "de" prints dates as "04.12.2026" and amounts as
 * "1.234,56 €"; locale "en" prints dates as "04 Dec 2026" and amounts as
 * "€1,234.56". Amounts are formatted from their decimal strings digit by
 * digit (never through a float); an amount with more than 2 decimals is
 * rejected rather than rounded. Unit prices may carry more decimals.
 *
 * Letterhead, footer, text encoding (WinAnsi), deterministic bytes and the
 * country line of cross-border addresses come from the shared letter layout
 * (./letter-layout.ts).
 */

import { assertIsoDate } from "../domain/calendar-date"
import { DocumentLocale, formatDecimal, formatMoney, formatPercent, isPositiveDecimal, isZeroDecimal } from "./format"
import { LetterBuyer, LetterRenderer, LetterSeller, tableColumns, TotalRow } from "./letter-layout"

export interface InvoiceDocument {
  kind: "invoice" | "cancellation"
  locale: "de" | "en"
  number: string
  /** YYYY-MM-DD */
  issue_date: string
  due_date: string | null
  service_from: string
  service_to: string
  /** ISO 4217, e.g. "eur" */
  currency_code: string
  contract_number: string | null
  /** for cancellations: the original invoice's number */
  cancels_number: string | null
  seller: LetterSeller
  buyer: LetterBuyer
  lines: {
    position: number
    description: string
    service_from: string
    service_to: string
    quantity: string
    unit_price: string
    net_amount: string
    /** percent, e.g. "19" */
    tax_rate: string
  }[]
  tax_breakdown: { category: string; rate: string; net: string; tax: string }[]
  net_total: string
  tax_total: string
  gross_total: string
  credit_applied: string
  amount_due: string
  /** e.g. the § 19 UStG note or the reverse charge note */
  notes: string[]
  payment_terms: string | null
}

export interface RenderInvoiceOptions {
  /** PNG or JPEG, placed at the top right of the first page. */
  logo?: Buffer | null
}

interface Labels {
  title: Record<InvoiceDocument["kind"], string>
  cancels: (number: string) => string
  number: string
  issueDate: string
  servicePeriod: string
  dueDate: string
  customerNumber: string
  contractNumber: string
  pos: string
  description: string
  quantity: string
  unitPrice: string
  taxRate: string
  net: string
  netTotal: string
  taxOn: (rate: string, net: string) => string
  untaxedOn: (category: string, rate: string, net: string) => string
  grossTotal: string
  creditApplied: string
  amountDue: string
  categories: Record<string, string>
}

const LABELS: Record<DocumentLocale, Labels> = {
  de: {
    title: { invoice: "Rechnung", cancellation: "Stornorechnung" },
    cancels: (number) => `zu Rechnung ${number}`,
    number: "Rechnungsnummer",
    issueDate: "Rechnungsdatum",
    servicePeriod: "Leistungszeitraum",
    dueDate: "Fällig am",
    customerNumber: "Kundennummer",
    contractNumber: "Vertragsnummer",
    pos: "Pos.",
    description: "Beschreibung",
    quantity: "Menge",
    unitPrice: "Einzelpreis",
    taxRate: "USt.",
    net: "Netto",
    netTotal: "Summe netto",
    taxOn: (rate, net) => `zzgl. USt. ${rate} auf ${net}`,
    untaxedOn: (category, rate, net) => `${category} (${rate}) auf ${net}`,
    grossTotal: "Gesamtbetrag",
    creditApplied: "abzüglich Guthaben",
    amountDue: "Zu zahlen",
    categories: {
      standard: "USt.",
      small_business: "ohne USt. (§ 19 UStG)",
      reverse_charge: "Steuerschuldnerschaft des Leistungsempfängers",
      tax_free: "steuerfrei",
    },
  },
  en: {
    title: { invoice: "Invoice", cancellation: "Cancellation invoice" },
    cancels: (number) => `for invoice ${number}`,
    number: "Invoice number",
    issueDate: "Invoice date",
    servicePeriod: "Service period",
    dueDate: "Due date",
    customerNumber: "Customer number",
    contractNumber: "Contract number",
    pos: "Pos.",
    description: "Description",
    quantity: "Qty",
    unitPrice: "Unit price",
    taxRate: "VAT",
    net: "Net",
    netTotal: "Net total",
    taxOn: (rate, net) => `VAT ${rate} on ${net}`,
    untaxedOn: (category, rate, net) => `${category} (${rate}) on ${net}`,
    grossTotal: "Total",
    creditApplied: "Less credit applied",
    amountDue: "Amount due",
    categories: {
      standard: "VAT",
      small_business: "no VAT (small business)",
      reverse_charge: "reverse charge",
      tax_free: "VAT exempt",
    },
  },
}

/** Line table: position, description, quantity, unit price, tax rate, net amount. */
const COLUMNS = tableColumns([
  { width: 28, align: "left" },
  { align: "left" },
  { width: 52, align: "right" },
  { width: 78, align: "right" },
  { width: 44, align: "right" },
  { width: 82, align: "right" },
])

function validate(doc: InvoiceDocument): void {
  if (doc.kind !== "invoice" && doc.kind !== "cancellation") {
    throw new Error(`Invalid kind "${doc.kind}"`)
  }
  if (doc.locale !== "de" && doc.locale !== "en") {
    throw new Error(`Invalid locale "${doc.locale}"`)
  }
  if (!doc.number || !doc.number.trim()) {
    throw new Error("An invoice needs a number")
  }
  assertIsoDate(doc.issue_date, "issue_date")
  assertIsoDate(doc.service_from, "service_from")
  assertIsoDate(doc.service_to, "service_to")
  if (doc.due_date !== null) {
    assertIsoDate(doc.due_date, "due_date")
  }
  // Check every number before any page is drawn; formatting throws on a malformed or unrounded value.
  const amount = (value: string, field: string, maxFraction = 2) =>
    formatMoney(value, doc.currency_code, doc.locale, { field, maxFraction })
  doc.lines.forEach((line, index) => {
    assertIsoDate(line.service_from, `lines[${index}].service_from`)
    assertIsoDate(line.service_to, `lines[${index}].service_to`)
    formatDecimal(line.quantity, doc.locale, { field: `lines[${index}].quantity` })
    formatPercent(line.tax_rate, doc.locale, `lines[${index}].tax_rate`)
    amount(line.unit_price, `lines[${index}].unit_price`, Number.POSITIVE_INFINITY)
    amount(line.net_amount, `lines[${index}].net_amount`)
  })
  doc.tax_breakdown.forEach((entry, index) => {
    formatPercent(entry.rate, doc.locale, `tax_breakdown[${index}].rate`)
    amount(entry.net, `tax_breakdown[${index}].net`)
    amount(entry.tax, `tax_breakdown[${index}].tax`)
  })
  for (const field of ["net_total", "tax_total", "gross_total", "credit_applied", "amount_due"] as const) {
    amount(doc[field], field)
  }
}

class InvoiceRenderer extends LetterRenderer {
  private readonly labels: Labels

  constructor(
    private readonly doc: InvoiceDocument,
    logo: Buffer | null
  ) {
    const title = `${LABELS[doc.locale].title[doc.kind]} ${doc.number}`
    super(doc, { date: doc.issue_date, title, continues: title, logo })
    this.labels = LABELS[doc.locale]
  }

  protected override content(): void {
    this.header()
    this.lineTable()
    this.totalRows()
    for (const text of [...this.doc.notes, ...(this.doc.payment_terms ? [this.doc.payment_terms] : [])]) {
      this.paragraph(text, { size: 9 }, 6)
    }
  }

  private period(from: string, to: string): string {
    return from === to ? this.date(from) : `${this.date(from)} – ${this.date(to)}`
  }

  private header(): void {
    const { doc, labels: l } = this
    const info: [string, string][] = [
      [l.number, doc.number],
      [l.issueDate, this.date(doc.issue_date)],
      [l.servicePeriod, this.period(doc.service_from, doc.service_to)],
    ]
    if (doc.due_date) {
      info.push([l.dueDate, this.date(doc.due_date)])
    }
    if (doc.buyer.customer_number) {
      info.push([l.customerNumber, doc.buyer.customer_number])
    }
    if (doc.contract_number) {
      info.push([l.contractNumber, doc.contract_number])
    }
    this.letterHead({
      info,
      title: l.title[doc.kind],
      subtitle: doc.kind === "cancellation" && doc.cancels_number ? l.cancels(doc.cancels_number) : null,
      senderContact: true,
      // § 14a UStG: a reverse-charge invoice names the buyer's VAT id.
      buyerVatId: true,
    })
  }

  private lineTable(): void {
    const l = this.labels
    const lines = [...this.doc.lines].sort((a, b) => a.position - b.position)
    this.table(
      COLUMNS,
      [l.pos, l.description, l.quantity, l.unitPrice, l.taxRate, l.net],
      lines.map((line, index) => ({
        values: [
          String(line.position),
          line.description,
          formatDecimal(line.quantity, this.locale, { field: `lines[${index}].quantity` }),
          this.money(line.unit_price, `lines[${index}].unit_price`, Number.POSITIVE_INFINITY),
          formatPercent(line.tax_rate, this.locale),
          this.money(line.net_amount, `lines[${index}].net_amount`),
        ],
        note: { column: 1, text: `${l.servicePeriod}: ${this.period(line.service_from, line.service_to)}` },
      }))
    )
  }

  private totalRows(): void {
    const doc = this.doc
    const l = this.labels
    const rows: TotalRow[] = []
    const taxed = doc.tax_breakdown.filter((entry) => !isZeroDecimal(entry.rate) || !isZeroDecimal(entry.tax))
    const untaxed = doc.tax_breakdown.filter((entry) => !taxed.includes(entry))
    const onlySmallBusiness =
      taxed.length === 0 && untaxed.length > 0 && untaxed.every((entry) => entry.category === "small_business")

    if (!onlySmallBusiness) {
      rows.push({ label: l.netTotal, value: this.money(doc.net_total, "net_total") })
    }
    doc.tax_breakdown.forEach((entry, index) => {
      const rate = formatPercent(entry.rate, this.locale)
      const net = this.money(entry.net, `tax_breakdown[${index}].net`)
      const tax = this.money(entry.tax, `tax_breakdown[${index}].tax`)
      if (taxed.includes(entry)) {
        rows.push({ label: l.taxOn(rate, net), value: tax })
      } else if (doc.tax_breakdown.length > 1) {
        // Mixed document: the untaxed part needs its own net amount next to the taxed rates.
        const category = l.categories[entry.category] ?? entry.category
        rows.push({ label: l.untaxedOn(category, rate, net), value: tax })
      }
    })
    rows.push({ label: l.grossTotal, value: this.money(doc.gross_total, "gross_total"), bold: true, ruleAbove: true })
    if (isPositiveDecimal(doc.credit_applied)) {
      rows.push({ label: l.creditApplied, value: this.money(`-${doc.credit_applied}`, "credit_applied") })
      rows.push({ label: l.amountDue, value: this.money(doc.amount_due, "amount_due"), bold: true, ruleAbove: true })
    }
    this.totals(rows)
  }
}

/**
 * Renders `doc` to a PDF. The same document (and logo) always yields the
 * same bytes. Rejects on malformed dates or amounts and on a logo that is
 * neither PNG nor JPEG.
 */
export async function renderInvoicePdf(
  doc: InvoiceDocument,
  options: RenderInvoiceOptions = {}
): Promise<Buffer> {
  validate(doc)
  return new InvoiceRenderer(doc, options.logo ?? null).render()
}
