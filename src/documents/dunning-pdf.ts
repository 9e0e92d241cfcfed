/**
 * Renders a dunning notice (Zahlungserinnerung / Mahnung) as a PDF with pdfkit, in the letter layout of the
 * invoice (./letter-layout.ts): seller at the top and in the footer of every page, the buyer's address,
 * the notice date and payment deadline, the letter's text, the reminded invoice(s) with number, invoice
 * date, due date, amount and what is open, then the open amount, the reminder fee and the new total, and
 * how and until when to pay.
 *
 * Formatting, text encoding and determinism are those of the invoice: "de" prints "04.12.2026" and
 * "1.234,56 €", "en" prints "04 Dec 2026" and "€1,234.56"; amounts are printed digit by digit from their
 * decimal strings; the PDF's CreationDate is the notice date at 00:00 UTC, so the same notice always
 * renders to the same bytes.
 */

import { assertIsoDate } from "../domain/calendar-date"
import { DocumentLocale, formatIban, formatMoney, isPositiveDecimal } from "./format"
import {
  BOLD,
  CONTENT_WIDTH,
  LetterBuyer,
  LetterRenderer,
  LetterSeller,
  MARGIN,
  MUTED,
  tableColumns,
  TotalRow,
} from "./letter-layout"

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
  seller: LetterSeller
  buyer: LetterBuyer
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
  purpose: string
  closing: string
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
    purpose: "Verwendungszweck",
    closing: "Mit freundlichen Grüßen",
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
    purpose: "Reference",
    closing: "Kind regards",
  },
}

/** Item table: invoice number, invoice date, due date, amount, open. */
const COLUMNS = tableColumns([
  { align: "left" },
  { width: 88, align: "left" },
  { width: 88, align: "left" },
  { width: 96, align: "right" },
  { width: 96, align: "right" },
])

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

class DunningRenderer extends LetterRenderer {
  private readonly labels: Labels

  constructor(
    private readonly doc: DunningNoticeDocument,
    logo: Buffer | null
  ) {
    super(doc, {
      date: doc.notice_date,
      title: `${doc.title} ${LABELS[doc.locale].reference(doc.items.map((item) => item.number))}`,
      continues: doc.title,
      logo,
    })
    this.labels = LABELS[doc.locale]
  }

  protected override content(): void {
    this.header()
    this.paragraph(this.labels.salutation)
    this.paragraph(this.doc.text, { size: 9.5 }, 16)
    this.itemTable()
    this.totalRows()
    this.payment()
  }

  private header(): void {
    const { doc, labels: l } = this
    this.letterHead({
      info: [
        [l.date, this.date(doc.notice_date)],
        ...(doc.buyer.customer_number ? [[l.customerNumber, doc.buyer.customer_number] as [string, string]] : []),
        [l.deadline, this.date(doc.payment_deadline)],
      ],
      title: doc.title,
      subtitle: l.reference(this.numbers()),
    })
  }

  private itemTable(): void {
    const l = this.labels
    this.table(
      COLUMNS,
      [l.invoice, l.invoiceDate, l.dueDate, l.amount, l.open],
      this.doc.items.map((item) => ({
        values: [item.number, this.date(item.issue_date), this.date(item.due_date), this.money(item.amount), this.money(item.open_amount)],
      }))
    )
  }

  private totalRows(): void {
    const { doc, labels: l } = this
    const rows: TotalRow[] = []
    if (isPositiveDecimal(doc.fee)) {
      rows.push({ label: l.openTotal, value: this.money(doc.open_total) })
      rows.push({ label: l.fee, value: this.money(doc.fee) })
    }
    rows.push({ label: l.total, value: this.money(doc.total), bold: true, ruleAbove: rows.length > 0 })
    this.totals(rows)
  }

  private numbers(): string[] {
    return this.doc.items.map((item) => item.number)
  }

  private payment(): void {
    const l = this.labels
    const { iban, bic } = this.letterLabels
    const { bank } = this.doc.seller
    this.paragraph(l.payment(this.money(this.doc.total), this.date(this.doc.payment_deadline)), { size: 9.5 }, 4)
    const details: [string, string | null | undefined][] = [
      [iban, bank ? formatIban(bank.iban) : null],
      [bic, bank?.bic],
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
}

/**
 * Renders a dunning notice to a PDF. The same notice (and logo) always yields the same bytes. Rejects
 * malformed dates or amounts, a notice without invoices and a logo that is neither PNG nor JPEG.
 */
export async function renderDunningPdf(doc: DunningNoticeDocument, options: RenderDunningOptions = {}): Promise<Buffer> {
  validate(doc)
  return new DunningRenderer(doc, options.logo ?? null).render()
}
