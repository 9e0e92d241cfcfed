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
 * Text is set in pdfkit's built-in Helvetica (WinAnsi: umlauts, ß and € are
 * covered; characters outside the code page fall back to their base letter).
 * The output is deterministic: the PDF's CreationDate (and with it the file
 * id) is the issue date at 00:00 UTC, so the same document always renders to
 * the same bytes.
 *
 * `address_lines` should not contain the country: a country line (its name
 * in the document's language) is added to both addresses when seller and
 * buyer are in different countries.
 */

import PDFDocument from "pdfkit"
import { assertIsoDate } from "../domain/calendar-date"
import {
  DocumentLocale,
  formatDate,
  formatDecimal,
  formatIban,
  formatMoney,
  formatPercent,
  isPositiveDecimal,
  isZeroDecimal,
  toWinAnsi,
} from "./format"

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
  seller: {
    name: string
    address_lines: string[]
    country_code: string
    vat_id: string | null
    tax_number: string | null
    email: string | null
    phone: string | null
    bank: { name: string | null; iban: string; bic: string | null } | null
  }
  buyer: {
    name: string
    company: string | null
    address_lines: string[]
    country_code: string | null
    vat_id: string | null
    customer_number: string | null
  }
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
  continued: (title: string, number: string) => string
  number: string
  issueDate: string
  servicePeriod: string
  dueDate: string
  customerNumber: string
  contractNumber: string
  vatId: string
  taxNumber: string
  phone: string
  email: string
  iban: string
  bic: string
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
  page: (page: number, pages: number) => string
  categories: Record<string, string>
}

const LABELS: Record<DocumentLocale, Labels> = {
  de: {
    title: { invoice: "Rechnung", cancellation: "Stornorechnung" },
    cancels: (number) => `zu Rechnung ${number}`,
    continued: (title, number) => `${title} ${number} (Fortsetzung)`,
    number: "Rechnungsnummer",
    issueDate: "Rechnungsdatum",
    servicePeriod: "Leistungszeitraum",
    dueDate: "Fällig am",
    customerNumber: "Kundennummer",
    contractNumber: "Vertragsnummer",
    vatId: "USt-IdNr.",
    taxNumber: "Steuernummer",
    phone: "Tel.",
    email: "E-Mail",
    iban: "IBAN",
    bic: "BIC",
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
    page: (page, pages) => `Seite ${page} von ${pages}`,
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
    continued: (title, number) => `${title} ${number} (continued)`,
    number: "Invoice number",
    issueDate: "Invoice date",
    servicePeriod: "Service period",
    dueDate: "Due date",
    customerNumber: "Customer number",
    contractNumber: "Contract number",
    vatId: "VAT ID",
    taxNumber: "Tax number",
    phone: "Phone",
    email: "Email",
    iban: "IBAN",
    bic: "BIC",
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
    page: (page, pages) => `Page ${page} of ${pages}`,
    categories: {
      standard: "VAT",
      small_business: "no VAT (small business)",
      reverse_charge: "reverse charge",
      tax_free: "VAT exempt",
    },
  },
}

const PAGE = { width: 595.28, height: 841.89 } // A4 in points
const MARGIN = { left: 56.69, right: 45, top: 45, bottom: 28 }
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right
const RIGHT = PAGE.width - MARGIN.right
const REGULAR = "Helvetica"
const BOLD = "Helvetica-Bold"
const TEXT = "#1a1a1a"
const MUTED = "#5f5f5f"
const RULE = "#b5b5b5"
const LIGHT_RULE = "#e1e1e1"
const LOGO_BOX = { width: 150, height: 56 }

/** Line table columns: position, description, quantity, unit price, tax rate, net amount. */
const COLUMN_WIDTHS = [28, 0, 52, 78, 44, 82]
COLUMN_WIDTHS[1] = CONTENT_WIDTH - COLUMN_WIDTHS.reduce((sum, width) => sum + width, 0)
const CELL_PADDING = 4

interface TextStyle {
  font?: string
  size?: number
  color?: string
  align?: "left" | "right" | "center"
}

function isPng(buffer: Buffer): boolean {
  return buffer.length > 8 && buffer.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
}

function isJpeg(buffer: Buffer): boolean {
  return buffer.length > 3 && buffer[0] === 0xff && buffer[1] === 0xd8 && buffer[2] === 0xff
}

function countryName(code: string, locale: DocumentLocale): string {
  const upper = code.toUpperCase()
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(upper) ?? upper
  } catch {
    return upper
  }
}

function withCountry(lines: string[], countryCode: string | null, show: boolean, locale: DocumentLocale): string[] {
  if (!show || !countryCode) {
    return lines
  }
  const name = countryName(countryCode, locale)
  const last = (lines[lines.length - 1] ?? "").trim().toLowerCase()
  if (last === name.toLowerCase() || last === countryCode.toLowerCase()) {
    return lines
  }
  return [...lines, name]
}

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

class InvoiceRenderer {
  private readonly pdf: PDFKit.PDFDocument
  private readonly labels: Labels
  private readonly locale: DocumentLocale
  private readonly footerColumns: string[][]
  private readonly footerHeight: number
  private readonly contentBottom: number
  private y = MARGIN.top

  constructor(
    private readonly doc: InvoiceDocument,
    private readonly logo: Buffer | null
  ) {
    this.locale = doc.locale
    this.labels = LABELS[doc.locale]
    const [year, month, day] = doc.issue_date.split("-").map(Number)
    const title = `${this.labels.title[doc.kind]} ${doc.number}`
    this.pdf = new PDFDocument({
      size: [PAGE.width, PAGE.height],
      margins: { top: MARGIN.top, left: MARGIN.left, right: MARGIN.right, bottom: MARGIN.bottom },
      bufferPages: true,
      autoFirstPage: true,
      lang: doc.locale === "de" ? "de-DE" : "en",
      displayTitle: true,
      info: {
        Title: title,
        Author: doc.seller.name,
        Subject: title,
        Creator: "medusa-subscription-billing",
        Producer: "PDFKit",
        CreationDate: new Date(Date.UTC(year, month - 1, day)),
      },
    })
    this.footerColumns = this.buildFooterColumns()
    this.footerHeight = this.measureFooter()
    this.contentBottom = PAGE.height - MARGIN.bottom - this.footerHeight - 14
  }

  render(): Promise<Buffer> {
    const chunks: Buffer[] = []
    const done = new Promise<Buffer>((resolve, reject) => {
      this.pdf.on("data", (chunk: Buffer) => chunks.push(chunk))
      this.pdf.on("end", () => resolve(Buffer.concat(chunks)))
      this.pdf.on("error", reject)
    })
    this.header()
    this.lineTable()
    this.totals()
    this.paragraphs()
    this.footers()
    this.pdf.end()
    return done
  }

  // ---- primitives -------------------------------------------------------

  private style(style: TextStyle): void {
    this.pdf
      .font(style.font ?? REGULAR)
      .fontSize(style.size ?? 9)
      .fillColor(style.color ?? TEXT)
  }

  private measure(text: string, width: number, style: TextStyle = {}): number {
    this.style(style)
    return this.pdf.heightOfString(toWinAnsi(text), { width, lineGap: 1 })
  }

  /** Writes wrapped text at (x, y) and returns its height. */
  private write(text: string, x: number, y: number, width: number, style: TextStyle = {}): number {
    const safe = toWinAnsi(text)
    this.style(style)
    this.pdf.text(safe, x, y, { width, align: style.align ?? "left", lineGap: 1 })
    return this.pdf.heightOfString(safe, { width, lineGap: 1 })
  }

  private writeLines(lines: string[], x: number, y: number, width: number, style: TextStyle = {}): number {
    let height = 0
    for (const line of lines) {
      height += this.write(line, x, y + height, width, style)
    }
    return height
  }

  private rule(y: number, color = RULE, x1 = MARGIN.left, x2 = RIGHT, width = 0.6): void {
    this.pdf.save().moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke().restore()
  }

  private money(value: string, field: string, maxFraction = 2): string {
    return formatMoney(value, this.doc.currency_code, this.locale, { field, maxFraction })
  }

  private date(value: string): string {
    return formatDate(value, this.locale)
  }

  private period(from: string, to: string): string {
    return from === to ? this.date(from) : `${this.date(from)} – ${this.date(to)}`
  }

  /** Starts a new page (continuation header) when `height` does not fit. */
  private ensureSpace(height: number, onNewPage?: () => void): void {
    if (this.y + height <= this.contentBottom) {
      return
    }
    this.pdf.addPage()
    this.y = MARGIN.top
    const title = this.labels.title[this.doc.kind]
    this.y += this.write(this.labels.continued(title, this.doc.number), MARGIN.left, this.y, CONTENT_WIDTH, {
      size: 8,
      color: MUTED,
    })
    this.y += 14
    onNewPage?.()
  }

  // ---- first page header ------------------------------------------------

  private header(): void {
    const { seller, buyer } = this.doc
    const foreign = !!buyer.country_code && buyer.country_code.toLowerCase() !== seller.country_code.toLowerCase()

    let logoBottom = MARGIN.top
    if (this.logo) {
      if (!isPng(this.logo) && !isJpeg(this.logo)) {
        throw new Error("The logo must be a PNG or JPEG image")
      }
      this.pdf.image(this.logo, RIGHT - LOGO_BOX.width, MARGIN.top, {
        fit: [LOGO_BOX.width, LOGO_BOX.height],
        align: "right",
      })
      logoBottom = MARGIN.top + LOGO_BOX.height
    }

    // Seller (sender) block, top left.
    const senderWidth = this.logo ? CONTENT_WIDTH - LOGO_BOX.width - 20 : CONTENT_WIDTH
    let senderY = MARGIN.top
    senderY += this.write(seller.name, MARGIN.left, senderY, senderWidth, { font: BOLD, size: 12 })
    senderY += 2
    senderY += this.writeLines(
      withCountry(seller.address_lines, seller.country_code, foreign, this.locale),
      MARGIN.left,
      senderY,
      senderWidth,
      { size: 8.5, color: MUTED }
    )
    const contact = [
      seller.phone ? `${this.labels.phone} ${seller.phone}` : null,
      seller.email ? `${this.labels.email} ${seller.email}` : null,
    ].filter((part): part is string => part !== null)
    if (contact.length > 0) {
      senderY += this.write(contact.join(" · "), MARGIN.left, senderY, senderWidth, { size: 8.5, color: MUTED })
    }

    const blockTop = Math.max(senderY, logoBottom) + 28

    // Buyer (recipient) block, left.
    const buyerWidth = 250
    let buyerY = blockTop
    if (buyer.company) {
      buyerY += this.write(buyer.company, MARGIN.left, buyerY, buyerWidth, { font: BOLD, size: 10 })
      buyerY += this.write(buyer.name, MARGIN.left, buyerY, buyerWidth, { size: 10 })
    } else {
      buyerY += this.write(buyer.name, MARGIN.left, buyerY, buyerWidth, { font: BOLD, size: 10 })
    }
    buyerY += this.writeLines(
      withCountry(buyer.address_lines, buyer.country_code, foreign, this.locale),
      MARGIN.left,
      buyerY,
      buyerWidth,
      { size: 10 }
    )
    if (buyer.vat_id) {
      buyerY += 4
      buyerY += this.write(`${this.labels.vatId}: ${buyer.vat_id}`, MARGIN.left, buyerY, buyerWidth, { size: 9 })
    }

    // Info block, right.
    const infoX = MARGIN.left + buyerWidth + 30
    const infoWidth = RIGHT - infoX
    const labelWidth = 92
    const valueWidth = infoWidth - labelWidth
    const rows: [string, string][] = [
      [this.labels.number, this.doc.number],
      [this.labels.issueDate, this.date(this.doc.issue_date)],
      [this.labels.servicePeriod, this.period(this.doc.service_from, this.doc.service_to)],
    ]
    if (this.doc.due_date) {
      rows.push([this.labels.dueDate, this.date(this.doc.due_date)])
    }
    if (buyer.customer_number) {
      rows.push([this.labels.customerNumber, buyer.customer_number])
    }
    if (this.doc.contract_number) {
      rows.push([this.labels.contractNumber, this.doc.contract_number])
    }
    let infoY = blockTop
    for (const [label, value] of rows) {
      const labelHeight = this.write(label, infoX, infoY, labelWidth, { size: 8.5, color: MUTED })
      const valueHeight = this.write(value, infoX + labelWidth, infoY, valueWidth, { size: 8.5, align: "right" })
      infoY += Math.max(labelHeight, valueHeight) + 2
    }

    this.y = Math.max(buyerY, infoY) + 30

    // Title.
    this.y += this.write(this.labels.title[this.doc.kind], MARGIN.left, this.y, CONTENT_WIDTH, {
      font: BOLD,
      size: 17,
    })
    if (this.doc.kind === "cancellation" && this.doc.cancels_number) {
      this.y += 2
      this.y += this.write(this.labels.cancels(this.doc.cancels_number), MARGIN.left, this.y, CONTENT_WIDTH, {
        size: 10,
      })
    }
    this.y += 16
  }

  // ---- line table ---------------------------------------------------------

  private columnX(index: number): number {
    return MARGIN.left + COLUMN_WIDTHS.slice(0, index).reduce((sum, width) => sum + width, 0)
  }

  private cells(values: string[], y: number, style: TextStyle, descriptionExtra?: () => number): number {
    let height = 0
    values.forEach((value, index) => {
      const width = COLUMN_WIDTHS[index] - 2 * CELL_PADDING
      const align = index === 0 || index === 1 ? "left" : "right"
      let cellHeight = this.write(value, this.columnX(index) + CELL_PADDING, y, width, { ...style, align })
      if (index === 1 && descriptionExtra) {
        cellHeight += descriptionExtra()
      }
      height = Math.max(height, cellHeight)
    })
    return height
  }

  private tableHeader(): void {
    const l = this.labels
    const style: TextStyle = { font: BOLD, size: 8.5 }
    const height = this.cells([l.pos, l.description, l.quantity, l.unitPrice, l.taxRate, l.net], this.y, style)
    this.y += height + 3
    this.rule(this.y, RULE, MARGIN.left, RIGHT, 0.8)
    this.y += 5
  }

  private lineTable(): void {
    this.ensureSpace(60)
    this.tableHeader()
    const descriptionWidth = COLUMN_WIDTHS[1] - 2 * CELL_PADDING
    const lines = [...this.doc.lines].sort((a, b) => a.position - b.position)
    lines.forEach((line, index) => {
      const periodText = `${this.labels.servicePeriod}: ${this.period(line.service_from, line.service_to)}`
      const values = [
        String(line.position),
        line.description,
        formatDecimal(line.quantity, this.locale, { field: `lines[${index}].quantity` }),
        this.money(line.unit_price, `lines[${index}].unit_price`, Number.POSITIVE_INFINITY),
        formatPercent(line.tax_rate, this.locale),
        this.money(line.net_amount, `lines[${index}].net_amount`),
      ]
      const descriptionHeight = this.measure(line.description, descriptionWidth, { size: 9 })
      const cellHeights = values.map((value, column) =>
        column === 1
          ? descriptionHeight + 1 + this.measure(periodText, descriptionWidth, { size: 7.5 })
          : this.measure(value, COLUMN_WIDTHS[column] - 2 * CELL_PADDING, { size: 9 })
      )
      const rowHeight = Math.max(...cellHeights) + 8
      this.ensureSpace(rowHeight, () => this.tableHeader())
      const top = this.y
      this.cells(values, top, { size: 9 }, () => {
        return (
          1 +
          this.write(periodText, this.columnX(1) + CELL_PADDING, top + descriptionHeight + 1, descriptionWidth, {
            size: 7.5,
            color: MUTED,
          })
        )
      })
      this.y = top + rowHeight - 4
      if (index < lines.length - 1) {
        this.rule(this.y, LIGHT_RULE, MARGIN.left, RIGHT, 0.5)
      }
      this.y += 4
    })
    this.rule(this.y, RULE, MARGIN.left, RIGHT, 0.8)
    this.y += 10
  }

  // ---- totals -------------------------------------------------------------

  private totals(): void {
    const doc = this.doc
    const l = this.labels
    type Row = { label: string; value: string; bold?: boolean; ruleAbove?: boolean }
    const rows: Row[] = []
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

    const blockWidth = 300
    const valueWidth = 95
    const labelWidth = blockWidth - valueWidth - 8
    const x = RIGHT - blockWidth
    for (const row of rows) {
      const style: TextStyle = { font: row.bold ? BOLD : REGULAR, size: 9.5 }
      const height = Math.max(this.measure(row.label, labelWidth, style), this.measure(row.value, valueWidth, style))
      this.ensureSpace(height + (row.ruleAbove ? 8 : 4))
      if (row.ruleAbove) {
        this.y += 2
        this.rule(this.y, RULE, x, RIGHT, 0.6)
        this.y += 4
      }
      this.write(row.label, x, this.y, labelWidth, style)
      this.write(row.value, RIGHT - valueWidth, this.y, valueWidth, { ...style, align: "right" })
      this.y += height + 4
    }
    this.y += 14
  }

  // ---- notes, payment terms ---------------------------------------------

  private paragraphs(): void {
    const texts = [...this.doc.notes, ...(this.doc.payment_terms ? [this.doc.payment_terms] : [])]
    for (const text of texts) {
      const height = this.measure(text, CONTENT_WIDTH, { size: 9 })
      this.ensureSpace(height)
      this.y += this.write(text, MARGIN.left, this.y, CONTENT_WIDTH, { size: 9 }) + 6
    }
  }

  // ---- footer (every page) ----------------------------------------------

  private buildFooterColumns(): string[][] {
    const { seller, buyer } = this.doc
    const l = this.labels
    const foreign = !!buyer.country_code && buyer.country_code.toLowerCase() !== seller.country_code.toLowerCase()
    const address = [seller.name, ...withCountry(seller.address_lines, seller.country_code, foreign, this.locale)]
    const ids = [
      seller.phone ? `${l.phone} ${seller.phone}` : null,
      seller.email ? `${l.email} ${seller.email}` : null,
      seller.vat_id ? `${l.vatId} ${seller.vat_id}` : null,
      seller.tax_number ? `${l.taxNumber} ${seller.tax_number}` : null,
    ].filter((line): line is string => line !== null)
    const bank = seller.bank
      ? [
          seller.bank.name,
          `${l.iban} ${formatIban(seller.bank.iban)}`,
          seller.bank.bic ? `${l.bic} ${seller.bank.bic}` : null,
        ].filter((line): line is string => line !== null)
      : []
    return [address, ids, bank]
  }

  private footerColumnWidth(): number {
    return (CONTENT_WIDTH - 2 * 12) / 3
  }

  private measureFooter(): number {
    const width = this.footerColumnWidth()
    const columns = this.footerColumns.map((lines) =>
      lines.reduce((sum, line) => sum + this.measure(line, width, { size: 7 }), 0)
    )
    return 6 + Math.max(0, ...columns) + 6 + this.measure("0", CONTENT_WIDTH, { size: 7.5 })
  }

  private footers(): void {
    const range = this.pdf.bufferedPageRange()
    const width = this.footerColumnWidth()
    for (let index = 0; index < range.count; index++) {
      this.pdf.switchToPage(range.start + index)
      // The footer sits in the bottom margin; keep pdfkit from breaking to a new page there.
      this.pdf.page.margins.bottom = 0
      const top = PAGE.height - MARGIN.bottom - this.footerHeight
      this.rule(top, RULE, MARGIN.left, RIGHT, 0.5)
      let columnsBottom = top + 6
      this.footerColumns.forEach((lines, column) => {
        const x = MARGIN.left + column * (width + 12)
        columnsBottom = Math.max(columnsBottom, top + 6 + this.writeLines(lines, x, top + 6, width, { size: 7, color: MUTED }))
      })
      this.write(this.labels.page(index + 1, range.count), MARGIN.left, columnsBottom + 6, CONTENT_WIDTH, {
        size: 7.5,
        color: MUTED,
        align: "right",
      })
    }
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
