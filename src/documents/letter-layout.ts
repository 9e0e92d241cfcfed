/**
 * The letter layout that every document sent to a customer shares (invoice, cancellation invoice, dunning
 * notice), so that they look alike and a change to the letterhead or the footer reaches all of them:
 *
 * - A4 with fixed margins; the seller's name and address at the top left, the logo (PNG or JPEG) at the
 *   top right,
 * - the buyer's address block on the left, a block of label/value rows (number, dates, customer number …)
 *   on the right, then the title,
 * - the document's own content, drawn by a subclass with the primitives below (text, tables, totals),
 *   continuing on further pages under a muted "… (continued)" line,
 * - on every page a footer with the seller's address, contact, tax number / VAT id and bank account, and
 *   "Page n of m".
 *
 * Text is set in pdfkit's built-in Helvetica (WinAnsi: umlauts, ß and € are covered; every text passes
 * through `toWinAnsi`, so characters outside the code page fall back to their base letter). The output is
 * deterministic: the PDF's CreationDate (and with it the file id) is the document's date at 00:00 UTC, so
 * the same document always renders to the same bytes.
 *
 * `address_lines` should not contain the country: a country line (its name in the document's language) is
 * added to both addresses when seller and buyer are in different countries.
 */

import PDFDocument from "pdfkit"
import { DocumentLocale, formatDate, formatIban, formatMoney, toWinAnsi } from "./format"

export interface LetterSeller {
  name: string
  address_lines: string[]
  country_code: string
  vat_id: string | null
  tax_number: string | null
  email: string | null
  phone: string | null
  bank: { name: string | null; iban: string; bic: string | null } | null
}

export interface LetterBuyer {
  name: string
  company: string | null
  address_lines: string[]
  country_code: string | null
  vat_id: string | null
  customer_number: string | null
}

/** What a document in the letter layout carries (the invoice and the dunning notice documents do). */
export interface LetterDocument {
  locale: DocumentLocale
  /** ISO 4217, e.g. "eur" */
  currency_code: string
  seller: LetterSeller
  buyer: LetterBuyer
}

export interface Letter {
  /** YYYY-MM-DD, the document's date; it is the PDF's CreationDate. */
  date: string
  /** The PDF's title (and subject) in the document properties. */
  title: string
  /** What the first line of every further page says is continued, e.g. "Rechnung RE-2026-000123". */
  continues: string
  /** PNG or JPEG, placed at the top right of the first page. */
  logo: Buffer | null
}

export interface LetterHead {
  /** Label/value rows right of the buyer's address. */
  info: [string, string][]
  title: string
  /** A smaller line under the title, e.g. the invoice that a cancellation or a reminder refers to. */
  subtitle?: string | null
  /** Phone and email under the seller's address, not only in the footer. */
  senderContact?: boolean
  /** The buyer's VAT id under the buyer's address (an invoice needs it for the reverse charge). */
  buyerVatId?: boolean
}

export interface TextStyle {
  font?: string
  size?: number
  color?: string
  align?: "left" | "right" | "center"
}

/** A table column's text box: the cell less its padding. */
export interface TableColumn {
  x: number
  width: number
  align: "left" | "right"
}

export interface TableRow {
  values: string[]
  /** A small muted line under one cell's text, e.g. the service period under a line's description. */
  note?: { column: number; text: string }
}

export interface TotalRow {
  label: string
  value: string
  bold?: boolean
  ruleAbove?: boolean
}

interface LetterLabels {
  vatId: string
  taxNumber: string
  phone: string
  email: string
  iban: string
  bic: string
  continued: (heading: string) => string
  page: (page: number, pages: number) => string
}

const LABELS: Record<DocumentLocale, LetterLabels> = {
  de: {
    vatId: "USt-IdNr.",
    taxNumber: "Steuernummer",
    phone: "Tel.",
    email: "E-Mail",
    iban: "IBAN",
    bic: "BIC",
    continued: (heading) => `${heading} (Fortsetzung)`,
    page: (page, pages) => `Seite ${page} von ${pages}`,
  },
  en: {
    vatId: "VAT ID",
    taxNumber: "Tax number",
    phone: "Phone",
    email: "Email",
    iban: "IBAN",
    bic: "BIC",
    continued: (heading) => `${heading} (continued)`,
    page: (page, pages) => `Page ${page} of ${pages}`,
  },
}

const PAGE = { width: 595.28, height: 841.89 } // A4 in points
export const MARGIN = { left: 56.69, right: 45, top: 45, bottom: 28 }
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right
export const RIGHT = PAGE.width - MARGIN.right
const REGULAR = "Helvetica"
export const BOLD = "Helvetica-Bold"
const TEXT = "#1a1a1a"
export const MUTED = "#5f5f5f"
const RULE = "#b5b5b5"
const LIGHT_RULE = "#e1e1e1"
const LOGO_BOX = { width: 150, height: 56 }
const CELL_PADDING = 4
const FOOTER_GAP = 12

/**
 * Lays out table columns from the left margin to the right one. Exactly one column has no width: it
 * takes what the others leave, so the table always spans the content width.
 */
export function tableColumns(columns: { width?: number; align: "left" | "right" }[]): TableColumn[] {
  const flexible = columns.filter((column) => column.width === undefined)
  if (flexible.length !== 1) {
    throw new Error(`A table needs exactly one column without a width, got ${flexible.length}`)
  }
  const fixed = columns.reduce((sum, column) => sum + (column.width ?? 0), 0)
  if (fixed >= CONTENT_WIDTH) {
    throw new Error(`The table's fixed columns (${fixed}) leave no room in the content width (${CONTENT_WIDTH})`)
  }
  let x = MARGIN.left
  return columns.map((column) => {
    const width = column.width ?? CONTENT_WIDTH - fixed
    const box = { x: x + CELL_PADDING, width: width - 2 * CELL_PADDING, align: column.align }
    x += width
    return box
  })
}

export function isPngOrJpeg(buffer: Buffer): boolean {
  const png = buffer.length > 8 && buffer.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  const jpeg = buffer.length > 3 && buffer[0] === 0xff && buffer[1] === 0xd8 && buffer[2] === 0xff
  return png || jpeg
}

function countryName(code: string, locale: DocumentLocale): string {
  const upper = code.toUpperCase()
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(upper) ?? upper
  } catch {
    return upper
  }
}

/** The address with its country's name as the last line when `show` is set and the line is not there yet. */
export function withCountry(lines: string[], countryCode: string | null, show: boolean, locale: DocumentLocale): string[] {
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

/**
 * A document in the letter layout. A subclass draws its content in `content()`, starting with
 * `letterHead()`; `render()` adds the footers once all pages are known (pages are buffered for that).
 */
export abstract class LetterRenderer {
  private readonly pdf: PDFKit.PDFDocument
  protected readonly locale: DocumentLocale
  /** The labels of the letterhead and the footer (tax ids, bank), for content that needs them too. */
  protected readonly letterLabels: LetterLabels
  /** Where the next content goes on the current page. */
  protected y = MARGIN.top
  private readonly foreign: boolean
  private readonly footerColumns: string[][]
  private readonly footerHeight: number
  private readonly contentBottom: number

  constructor(
    private readonly document: LetterDocument,
    private readonly letter: Letter
  ) {
    if (letter.logo && !isPngOrJpeg(letter.logo)) {
      throw new Error("The logo must be a PNG or JPEG image")
    }
    this.locale = document.locale
    this.letterLabels = LABELS[document.locale]
    const { seller, buyer } = document
    this.foreign = !!buyer.country_code && buyer.country_code.toLowerCase() !== seller.country_code.toLowerCase()
    const [year, month, day] = letter.date.split("-").map(Number)
    this.pdf = new PDFDocument({
      size: [PAGE.width, PAGE.height],
      margins: { top: MARGIN.top, left: MARGIN.left, right: MARGIN.right, bottom: MARGIN.bottom },
      bufferPages: true,
      autoFirstPage: true,
      lang: document.locale === "de" ? "de-DE" : "en",
      displayTitle: true,
      info: {
        Title: letter.title,
        Author: seller.name,
        Subject: letter.title,
        Creator: "medusa-subscription-billing",
        Producer: "PDFKit",
        CreationDate: new Date(Date.UTC(year, month - 1, day)),
      },
    })
    this.footerColumns = this.buildFooterColumns()
    this.footerHeight = this.measureFooter()
    this.contentBottom = PAGE.height - MARGIN.bottom - this.footerHeight - 14
  }

  /** Draws the document below the letterhead; called once by `render()`. */
  protected abstract content(): void

  render(): Promise<Buffer> {
    const chunks: Buffer[] = []
    const done = new Promise<Buffer>((resolve, reject) => {
      this.pdf.on("data", (chunk: Buffer) => chunks.push(chunk))
      this.pdf.on("end", () => resolve(Buffer.concat(chunks)))
      this.pdf.on("error", reject)
    })
    this.content()
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
  protected write(text: string, x: number, y: number, width: number, style: TextStyle = {}): number {
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

  protected money(value: string, field?: string, maxFraction = 2): string {
    return formatMoney(value, this.document.currency_code, this.locale, { field, maxFraction })
  }

  protected date(value: string): string {
    return formatDate(value, this.locale)
  }

  /** Starts a new page (continuation line) when `height` does not fit on this one. */
  protected ensureSpace(height: number, onNewPage?: () => void): void {
    if (this.y + height <= this.contentBottom) {
      return
    }
    this.pdf.addPage()
    this.y = MARGIN.top
    this.y += this.write(this.letterLabels.continued(this.letter.continues), MARGIN.left, this.y, CONTENT_WIDTH, {
      size: 8,
      color: MUTED,
    })
    this.y += 14
    onNewPage?.()
  }

  /** A paragraph over the content width, on the next page when it does not fit on this one. */
  protected paragraph(text: string, style: TextStyle = { size: 9.5 }, after = 8): void {
    this.ensureSpace(this.measure(text, CONTENT_WIDTH, style))
    this.y += this.write(text, MARGIN.left, this.y, CONTENT_WIDTH, style) + after
  }

  // ---- first page header ------------------------------------------------

  protected letterHead(head: LetterHead): void {
    const { seller, buyer } = this.document
    const { logo } = this.letter
    const l = this.letterLabels

    let logoBottom = MARGIN.top
    if (logo) {
      this.pdf.image(logo, RIGHT - LOGO_BOX.width, MARGIN.top, { fit: [LOGO_BOX.width, LOGO_BOX.height], align: "right" })
      logoBottom = MARGIN.top + LOGO_BOX.height
    }

    // Seller (sender) block, top left.
    const senderWidth = logo ? CONTENT_WIDTH - LOGO_BOX.width - 20 : CONTENT_WIDTH
    let senderY = MARGIN.top
    senderY += this.write(seller.name, MARGIN.left, senderY, senderWidth, { font: BOLD, size: 12 }) + 2
    senderY += this.writeLines(
      withCountry(seller.address_lines, seller.country_code, this.foreign, this.locale),
      MARGIN.left,
      senderY,
      senderWidth,
      { size: 8.5, color: MUTED }
    )
    const contact = [
      seller.phone ? `${l.phone} ${seller.phone}` : null,
      seller.email ? `${l.email} ${seller.email}` : null,
    ].filter((part): part is string => part !== null)
    if (head.senderContact && contact.length > 0) {
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
      withCountry(buyer.address_lines, buyer.country_code, this.foreign, this.locale),
      MARGIN.left,
      buyerY,
      buyerWidth,
      { size: 10 }
    )
    if (head.buyerVatId && buyer.vat_id) {
      buyerY += 4
      buyerY += this.write(`${l.vatId}: ${buyer.vat_id}`, MARGIN.left, buyerY, buyerWidth, { size: 9 })
    }

    // Info block, right.
    const infoX = MARGIN.left + buyerWidth + 30
    const labelWidth = 92
    const valueWidth = RIGHT - infoX - labelWidth
    let infoY = blockTop
    for (const [label, value] of head.info) {
      const labelHeight = this.write(label, infoX, infoY, labelWidth, { size: 8.5, color: MUTED })
      const valueHeight = this.write(value, infoX + labelWidth, infoY, valueWidth, { size: 8.5, align: "right" })
      infoY += Math.max(labelHeight, valueHeight) + 2
    }

    this.y = Math.max(buyerY, infoY) + 30

    // Title.
    this.y += this.write(head.title, MARGIN.left, this.y, CONTENT_WIDTH, { font: BOLD, size: 17 })
    if (head.subtitle) {
      this.y += 2
      this.y += this.write(head.subtitle, MARGIN.left, this.y, CONTENT_WIDTH, { size: 10 })
    }
    this.y += 16
  }

  // ---- table --------------------------------------------------------------

  private cells(columns: TableColumn[], values: string[], y: number, style: TextStyle): number {
    let height = 0
    values.forEach((value, index) => {
      const { x, width, align } = columns[index]
      height = Math.max(height, this.write(value, x, y, width, { ...style, align }))
    })
    return height
  }

  private tableHeader(columns: TableColumn[], labels: string[]): void {
    this.y += this.cells(columns, labels, this.y, { font: BOLD, size: 8.5 }) + 3
    this.rule(this.y, RULE, MARGIN.left, RIGHT, 0.8)
    this.y += 5
  }

  /**
   * A table over the content width: a bold header, thin rules between the rows and a heavy one below
   * them. A row that does not fit goes to the next page, under the header again.
   */
  protected table(columns: TableColumn[], labels: string[], rows: TableRow[]): void {
    const cellStyle: TextStyle = { size: 9 }
    const noteStyle: TextStyle = { size: 7.5, color: MUTED }
    this.ensureSpace(60)
    this.tableHeader(columns, labels)
    rows.forEach((row, index) => {
      const heights = row.values.map((value, column) => this.measure(value, columns[column].width, cellStyle))
      const note = row.note
      if (note) {
        heights[note.column] += 1 + this.measure(note.text, columns[note.column].width, noteStyle)
      }
      const rowHeight = Math.max(...heights) + 8
      this.ensureSpace(rowHeight, () => this.tableHeader(columns, labels))
      const top = this.y
      this.cells(columns, row.values, top, cellStyle)
      if (note) {
        const { x, width } = columns[note.column]
        const textHeight = this.measure(row.values[note.column], width, cellStyle)
        this.write(note.text, x, top + textHeight + 1, width, noteStyle)
      }
      this.y = top + rowHeight - 4
      if (index < rows.length - 1) {
        this.rule(this.y, LIGHT_RULE, MARGIN.left, RIGHT, 0.5)
      }
      this.y += 4
    })
    this.rule(this.y, RULE, MARGIN.left, RIGHT, 0.8)
    this.y += 10
  }

  // ---- totals -------------------------------------------------------------

  /** Label/amount rows at the right, a rule above the sums. */
  protected totals(rows: TotalRow[]): void {
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

  // ---- footer (every page) ----------------------------------------------

  private buildFooterColumns(): string[][] {
    const { seller } = this.document
    const l = this.letterLabels
    const address = [seller.name, ...withCountry(seller.address_lines, seller.country_code, this.foreign, this.locale)]
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
    return (CONTENT_WIDTH - 2 * FOOTER_GAP) / 3
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
        const x = MARGIN.left + column * (width + FOOTER_GAP)
        const height = this.writeLines(lines, x, top + 6, width, { size: 7, color: MUTED })
        columnsBottom = Math.max(columnsBottom, top + 6 + height)
      })
      this.write(this.letterLabels.page(index + 1, range.count), MARGIN.left, columnsBottom + 6, CONTENT_WIDTH, {
        size: 7.5,
        color: MUTED,
        align: "right",
      })
    }
  }
}
