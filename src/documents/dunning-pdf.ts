/**
 * Renders a dunning notice (Zahlungserinnerung / Mahnung) as a PDF with pdfkit, in the look of the invoice
 * (src/documents/invoice-pdf.ts): seller at the top and in the footer of every page, the buyer's address,
 * the notice date and payment deadline, the letter's text, the reminded invoice(s) with number, invoice
 * date, due date, amount and what is open, then the open amount, the reminder fee and the new total, and
 * how and until when to pay.
 *
 * Formatting, text encoding and determinism are those of the invoice: "de" prints "04.12.2026" and
 * "1.234,56 €", "en" prints "04 Dec 2026" and "€1,234.56"; amounts are printed digit by digit from their
 * decimal strings; the PDF's CreationDate is the notice date at 00:00 UTC, so the same notice always
 * renders to the same bytes.
 */

import PDFDocument from "pdfkit"
import { assertIsoDate } from "../domain/calendar-date"
import { DocumentLocale, formatDate, formatIban, formatMoney, isPositiveDecimal, toWinAnsi } from "./format"
import type { InvoiceDocument } from "./invoice-pdf"

export interface DunningNoticeDocument {
  locale: DocumentLocale
  /** The heading, e.g. "1. Mahnung". */
  title: string
  /** The letter's text (placeholders already filled). */
  text: string
  /** YYYY-MM-DD */
  notice_date: string
  payment_deadline: string
  currency_code: string
  seller: InvoiceDocument["seller"]
  buyer: InvoiceDocument["buyer"]
  /** The reminded invoices; `open_amount` includes fees of earlier notices. */
  items: { number: string; issue_date: string; due_date: string; amount: string; open_amount: string }[]
  /** The sum of the items' open amounts. */
  open_total: string
  fee: string
  /** open_total + fee */
  total: string
}

export interface RenderDunningOptions {
  /** PNG or JPEG, placed at the top right of the first page. */
  logo?: Buffer | null
}

interface Labels {
  date: string
  customerNumber: string
  deadline: string
  /** Under the title: the invoice number, or how many invoices when there are many. */
  reference: (numbers: string[]) => string
  salutation: string
  invoice: string
  invoiceDate: string
  dueDate: string
  amount: string
  open: string
  openTotal: string
  fee: string
  total: string
  payment: (total: string, deadline: string) => string
  bank: string
  iban: string
  bic: string
  purpose: string
  closing: string
  vatId: string
  taxNumber: string
  phone: string
  email: string
  continued: (title: string) => string
  page: (page: number, pages: number) => string
}

const LABELS: Record<DocumentLocale, Labels> = {
  de: {
    date: "Datum",
    customerNumber: "Kundennummer",
    deadline: "Zahlbar bis",
    reference: (numbers) => (numbers.length <= 3 ? `zu Rechnung ${numbers.join(", ")}` : `zu ${numbers.length} Rechnungen`),
    salutation: "Sehr geehrte Damen und Herren,",
    invoice: "Rechnung",
    invoiceDate: "Rechnungsdatum",
    dueDate: "Fällig am",
    amount: "Rechnungsbetrag",
    open: "Offen",
    openTotal: "Offener Betrag",
    fee: "Mahngebühr",
    total: "Gesamtbetrag",
    payment: (total, deadline) => `Bitte überweisen Sie ${total} bis zum ${deadline} auf folgendes Konto:`,
    bank: "Bank",
    iban: "IBAN",
    bic: "BIC",
    purpose: "Verwendungszweck",
    closing: "Mit freundlichen Grüßen",
    vatId: "USt-IdNr.",
    taxNumber: "Steuernummer",
    phone: "Tel.",
    email: "E-Mail",
    continued: (title) => `${title} (Fortsetzung)`,
    page: (page, pages) => `Seite ${page} von ${pages}`,
  },
  en: {
    date: "Date",
    customerNumber: "Customer number",
    deadline: "Payable by",
    reference: (numbers) => (numbers.length <= 3 ? `for invoice ${numbers.join(", ")}` : `for ${numbers.length} invoices`),
    salutation: "Dear Sir or Madam,",
    invoice: "Invoice",
    invoiceDate: "Invoice date",
    dueDate: "Due date",
    amount: "Invoice amount",
    open: "Open",
    openTotal: "Open amount",
    fee: "Reminder fee",
    total: "Total",
    payment: (total, deadline) => `Please transfer ${total} by ${deadline} to the following account:`,
    bank: "Bank",
    iban: "IBAN",
    bic: "BIC",
    purpose: "Reference",
    closing: "Kind regards",
    vatId: "VAT ID",
    taxNumber: "Tax number",
    phone: "Phone",
    email: "Email",
    continued: (title) => `${title} (continued)`,
    page: (page, pages) => `Page ${page} of ${pages}`,
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

/** Item table columns: invoice number, invoice date, due date, amount, open. */
const COLUMN_WIDTHS = [0, 88, 88, 96, 96]
COLUMN_WIDTHS[0] = CONTENT_WIDTH - COLUMN_WIDTHS.reduce((sum, width) => sum + width, 0)
const CELL_PADDING = 4

interface TextStyle {
  font?: string
  size?: number
  color?: string
  align?: "left" | "right"
}

function isImage(buffer: Buffer): boolean {
  const png = buffer.length > 8 && buffer.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  const jpeg = buffer.length > 3 && buffer[0] === 0xff && buffer[1] === 0xd8 && buffer[2] === 0xff
  return png || jpeg
}

/** The country line of an address when seller and buyer are in different countries (as on the invoice). */
function withCountry(lines: string[], countryCode: string | null, show: boolean, locale: DocumentLocale): string[] {
  if (!show || !countryCode) {
    return lines
  }
  let name = countryCode.toUpperCase()
  try {
    name = new Intl.DisplayNames([locale], { type: "region" }).of(name) ?? name
  } catch {
    // an unknown code prints as given
  }
  const last = (lines[lines.length - 1] ?? "").trim().toLowerCase()
  return last === name.toLowerCase() || last === countryCode.toLowerCase() ? lines : [...lines, name]
}

function validate(doc: DunningNoticeDocument): void {
  if (doc.locale !== "de" && doc.locale !== "en") {
    throw new Error(`Invalid locale "${doc.locale}"`)
  }
  if (!doc.title.trim()) {
    throw new Error("A dunning notice needs a title")
  }
  if (!doc.items.length) {
    throw new Error("A dunning notice lists at least one invoice")
  }
  assertIsoDate(doc.notice_date, "notice_date")
  assertIsoDate(doc.payment_deadline, "payment_deadline")
  const amount = (value: string, field: string) => formatMoney(value, doc.currency_code, doc.locale, { field })
  doc.items.forEach((item, index) => {
    if (!item.number.trim()) {
      throw new Error(`items[${index}].number is empty`)
    }
    assertIsoDate(item.issue_date, `items[${index}].issue_date`)
    assertIsoDate(item.due_date, `items[${index}].due_date`)
    amount(item.amount, `items[${index}].amount`)
    amount(item.open_amount, `items[${index}].open_amount`)
  })
  amount(doc.open_total, "open_total")
  amount(doc.fee, "fee")
  amount(doc.total, "total")
}

class DunningRenderer {
  private readonly pdf: PDFKit.PDFDocument
  private readonly labels: Labels
  private readonly foreign: boolean
  private readonly footerColumns: string[][]
  private readonly footerHeight: number
  private readonly contentBottom: number
  private y = MARGIN.top

  constructor(
    private readonly doc: DunningNoticeDocument,
    private readonly logo: Buffer | null
  ) {
    this.labels = LABELS[doc.locale]
    this.foreign = !!doc.buyer.country_code && doc.buyer.country_code.toLowerCase() !== doc.seller.country_code.toLowerCase()
    const [year, month, day] = doc.notice_date.split("-").map(Number)
    const title = `${doc.title} ${this.labels.reference(this.numbers())}`
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
    this.letter()
    this.itemTable()
    this.totals()
    this.payment()
    this.footers()
    this.pdf.end()
    return done
  }

  private numbers(): string[] {
    return this.doc.items.map((item) => item.number)
  }

  private money(value: string): string {
    return formatMoney(value, this.doc.currency_code, this.doc.locale)
  }

  private date(value: string): string {
    return formatDate(value, this.doc.locale)
  }

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
    return lines.reduce((height, line) => height + this.write(line, x, y + height, width, style), 0)
  }

  private rule(y: number, color = RULE, x1 = MARGIN.left, x2 = RIGHT, width = 0.6): void {
    this.pdf.save().moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke().restore()
  }

  /** Starts a new page (continuation line) when `height` does not fit. */
  private ensureSpace(height: number, onNewPage?: () => void): void {
    if (this.y + height <= this.contentBottom) {
      return
    }
    this.pdf.addPage()
    this.y = MARGIN.top
    this.y += this.write(this.labels.continued(this.doc.title), MARGIN.left, this.y, CONTENT_WIDTH, { size: 8, color: MUTED })
    this.y += 14
    onNewPage?.()
  }

  private paragraph(text: string, style: TextStyle = { size: 9.5 }, after = 8): void {
    this.ensureSpace(this.measure(text, CONTENT_WIDTH, style))
    this.y += this.write(text, MARGIN.left, this.y, CONTENT_WIDTH, style) + after
  }

  private header(): void {
    const { seller, buyer } = this.doc
    let logoBottom = MARGIN.top
    if (this.logo) {
      if (!isImage(this.logo)) {
        throw new Error("The logo must be a PNG or JPEG image")
      }
      this.pdf.image(this.logo, RIGHT - LOGO_BOX.width, MARGIN.top, { fit: [LOGO_BOX.width, LOGO_BOX.height], align: "right" })
      logoBottom = MARGIN.top + LOGO_BOX.height
    }
    const senderWidth = this.logo ? CONTENT_WIDTH - LOGO_BOX.width - 20 : CONTENT_WIDTH
    let senderY = MARGIN.top
    senderY += this.write(seller.name, MARGIN.left, senderY, senderWidth, { font: BOLD, size: 12 }) + 2
    senderY += this.writeLines(withCountry(seller.address_lines, seller.country_code, this.foreign, this.doc.locale), MARGIN.left, senderY, senderWidth, {
      size: 8.5,
      color: MUTED,
    })
    const blockTop = Math.max(senderY, logoBottom) + 28

    const buyerWidth = 250
    let buyerY = blockTop
    if (buyer.company) {
      buyerY += this.write(buyer.company, MARGIN.left, buyerY, buyerWidth, { font: BOLD, size: 10 })
      buyerY += this.write(buyer.name, MARGIN.left, buyerY, buyerWidth, { size: 10 })
    } else {
      buyerY += this.write(buyer.name, MARGIN.left, buyerY, buyerWidth, { font: BOLD, size: 10 })
    }
    buyerY += this.writeLines(withCountry(buyer.address_lines, buyer.country_code, this.foreign, this.doc.locale), MARGIN.left, buyerY, buyerWidth, { size: 10 })

    const infoX = MARGIN.left + buyerWidth + 30
    const labelWidth = 92
    const valueWidth = RIGHT - infoX - labelWidth
    const rows: [string, string][] = [
      [this.labels.date, this.date(this.doc.notice_date)],
      ...(buyer.customer_number ? [[this.labels.customerNumber, buyer.customer_number] as [string, string]] : []),
      [this.labels.deadline, this.date(this.doc.payment_deadline)],
    ]
    let infoY = blockTop
    for (const [label, value] of rows) {
      const labelHeight = this.write(label, infoX, infoY, labelWidth, { size: 8.5, color: MUTED })
      const valueHeight = this.write(value, infoX + labelWidth, infoY, valueWidth, { size: 8.5, align: "right" })
      infoY += Math.max(labelHeight, valueHeight) + 2
    }

    this.y = Math.max(buyerY, infoY) + 30
    this.y += this.write(this.doc.title, MARGIN.left, this.y, CONTENT_WIDTH, { font: BOLD, size: 17 }) + 2
    this.y += this.write(this.labels.reference(this.numbers()), MARGIN.left, this.y, CONTENT_WIDTH, { size: 10 }) + 16
  }

  private letter(): void {
    this.paragraph(this.labels.salutation)
    this.paragraph(this.doc.text, { size: 9.5 }, 16)
  }

  private columnX(index: number): number {
    return MARGIN.left + COLUMN_WIDTHS.slice(0, index).reduce((sum, width) => sum + width, 0)
  }

  private row(values: string[], style: TextStyle): number {
    const height = Math.max(...values.map((value, index) => this.measure(value, COLUMN_WIDTHS[index] - 2 * CELL_PADDING, style)))
    values.forEach((value, index) => {
      this.write(value, this.columnX(index) + CELL_PADDING, this.y, COLUMN_WIDTHS[index] - 2 * CELL_PADDING, {
        ...style,
        align: index < 3 ? "left" : "right",
      })
    })
    return height
  }

  private tableHeader(): void {
    const l = this.labels
    this.y += this.row([l.invoice, l.invoiceDate, l.dueDate, l.amount, l.open], { font: BOLD, size: 8.5 }) + 3
    this.rule(this.y, RULE, MARGIN.left, RIGHT, 0.8)
    this.y += 5
  }

  private itemTable(): void {
    this.ensureSpace(60)
    this.tableHeader()
    this.doc.items.forEach((item, index) => {
      const values = [item.number, this.date(item.issue_date), this.date(item.due_date), this.money(item.amount), this.money(item.open_amount)]
      this.ensureSpace(20, () => this.tableHeader())
      this.y += this.row(values, { size: 9 }) + 4
      if (index < this.doc.items.length - 1) {
        this.rule(this.y, LIGHT_RULE, MARGIN.left, RIGHT, 0.5)
        this.y += 4
      }
    })
    this.rule(this.y, RULE, MARGIN.left, RIGHT, 0.8)
    this.y += 10
  }

  private totals(): void {
    const l = this.labels
    type Row = { label: string; value: string; bold?: boolean; ruleAbove?: boolean }
    const rows: Row[] = []
    if (isPositiveDecimal(this.doc.fee)) {
      rows.push({ label: l.openTotal, value: this.money(this.doc.open_total) })
      rows.push({ label: l.fee, value: this.money(this.doc.fee) })
    }
    rows.push({ label: l.total, value: this.money(this.doc.total), bold: true, ruleAbove: rows.length > 0 })
    const blockWidth = 300
    const valueWidth = 95
    const labelWidth = blockWidth - valueWidth - 8
    const x = RIGHT - blockWidth
    for (const row of rows) {
      const style: TextStyle = { font: row.bold ? BOLD : REGULAR, size: 9.5 }
      this.ensureSpace(20)
      if (row.ruleAbove) {
        this.y += 2
        this.rule(this.y, RULE, x, RIGHT, 0.6)
        this.y += 4
      }
      this.write(row.label, x, this.y, labelWidth, style)
      this.y += this.write(row.value, RIGHT - valueWidth, this.y, valueWidth, { ...style, align: "right" }) + 4
    }
    this.y += 14
  }

  private payment(): void {
    const l = this.labels
    const { bank } = this.doc.seller
    this.paragraph(l.payment(this.money(this.doc.total), this.date(this.doc.payment_deadline)), { size: 9.5 }, 4)
    const details: [string, string | null | undefined][] = [
      [l.iban, bank ? formatIban(bank.iban) : null],
      [l.bic, bank?.bic],
      [l.bank, bank?.name],
      [l.purpose, this.numbers().join(", ")],
    ]
    this.ensureSpace(details.length * 14 + 10)
    for (const [label, value] of details) {
      if (!value) {
        continue
      }
      this.write(label, MARGIN.left, this.y, 110, { size: 9.5, color: MUTED })
      this.y += this.write(value, MARGIN.left + 110, this.y, CONTENT_WIDTH - 110, { size: 9.5, font: BOLD }) + 2
    }
    this.y += 16
    this.paragraph(l.closing, { size: 9.5 }, 2)
    this.paragraph(this.doc.seller.name, { size: 9.5 }, 0)
  }

  private buildFooterColumns(): string[][] {
    const { seller } = this.doc
    const l = this.labels
    const address = [seller.name, ...withCountry(seller.address_lines, seller.country_code, this.foreign, this.doc.locale)]
    const ids = [
      seller.phone ? `${l.phone} ${seller.phone}` : null,
      seller.email ? `${l.email} ${seller.email}` : null,
      seller.vat_id ? `${l.vatId} ${seller.vat_id}` : null,
      seller.tax_number ? `${l.taxNumber} ${seller.tax_number}` : null,
    ].filter((line): line is string => line !== null)
    const bank = seller.bank
      ? [seller.bank.name, `${l.iban} ${formatIban(seller.bank.iban)}`, seller.bank.bic ? `${l.bic} ${seller.bank.bic}` : null].filter(
          (line): line is string => line !== null
        )
      : []
    return [address, ids, bank]
  }

  private footerColumnWidth(): number {
    return (CONTENT_WIDTH - 2 * 12) / 3
  }

  private measureFooter(): number {
    const width = this.footerColumnWidth()
    const columns = this.footerColumns.map((lines) => lines.reduce((sum, line) => sum + this.measure(line, width, { size: 7 }), 0))
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
      this.write(this.labels.page(index + 1, range.count), MARGIN.left, columnsBottom + 6, CONTENT_WIDTH, { size: 7.5, color: MUTED, align: "right" })
    }
  }
}

/**
 * Renders a dunning notice to a PDF. The same notice (and logo) always yields the same bytes. Rejects
 * malformed dates or amounts, a notice without invoices and a logo that is neither PNG nor JPEG.
 */
export async function renderDunningPdf(doc: DunningNoticeDocument, options: RenderDunningOptions = {}): Promise<Buffer> {
  validate(doc)
  return new DunningRenderer(doc, options.logo ?? null).render()
}
