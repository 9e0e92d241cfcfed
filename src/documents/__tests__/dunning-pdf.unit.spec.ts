import { DunningNoticeDocument, renderDunningPdf } from "../dunning-pdf"
import { flat, pdfItems, pdfText, SELLER, tinyPng } from "./fixtures"

const A4 = { width: 595.28, height: 841.89 }

/** A 1. Mahnung (level 2) of one invoice with a fee of 5.00, in German. */
function germanNotice(): DunningNoticeDocument {
  return {
    locale: "de",
    title: "1. Mahnung",
    text: "leider konnten wir zu der unten aufgeführten Rechnung trotz unserer Zahlungserinnerung noch keinen vollständigen Zahlungseingang feststellen.",
    notice_date: "2027-01-08",
    payment_deadline: "2027-01-15",
    currency_code: "eur",
    seller: SELLER,
    buyer: {
      name: "Jürgen Äpfelbäumer",
      company: null,
      address_lines: ["Überseeallee 12", "20457 Hamburg"],
      country_code: "de",
      vat_id: null,
      customer_number: "K-10077",
    },
    items: [{ number: "RE-2026-000123", issue_date: "2026-12-04", due_date: "2026-12-18", amount: "1234.50", open_amount: "1234.50" }],
    open_total: "1234.50",
    fee: "5.00",
    total: "1239.50",
  }
}

function englishNotice(): DunningNoticeDocument {
  return {
    ...germanNotice(),
    locale: "en",
    title: "Payment reminder",
    text: "perhaps it has escaped your attention: the invoice listed below was due on 18 Dec 2026.",
    buyer: { name: "Pieter de Vries", company: "Bloemen B.V.", address_lines: ["Keizersgracht 123", "1015 CJ Amsterdam"], country_code: "nl", vat_id: null, customer_number: null },
    fee: "0.00",
    total: "1234.50",
  }
}

function expectAll(text: string, expected: string[]): void {
  const haystack = flat(text)
  expect(expected.filter((needle) => !haystack.includes(needle))).toEqual([])
}

describe("renderDunningPdf", () => {
  it("prints a German notice: seller, buyer, dates, the invoice, open amount, fee, total, deadline and bank details", async () => {
    const { text, pages } = await pdfText(await renderDunningPdf(germanNotice()))
    expect(pages).toBe(1)
    expectAll(text, [
      "Bäckerei Größenwahn GmbH",
      "Königsallee 12",
      "Jürgen Äpfelbäumer",
      "Überseeallee 12",
      "Datum",
      "08.01.2027",
      "Kundennummer",
      "K-10077",
      "Zahlbar bis",
      "15.01.2027",
      "1. Mahnung",
      "zu Rechnung RE-2026-000123",
      "Sehr geehrte Damen und Herren,",
      "trotz unserer Zahlungserinnerung",
      "Rechnungsdatum",
      "04.12.2026",
      "Fällig am",
      "18.12.2026",
      "1.234,50 €",
      "Offener Betrag",
      "Mahngebühr",
      "5,00 €",
      "Gesamtbetrag",
      "1.239,50 €",
      "Bitte überweisen Sie 1.239,50 € bis zum 15.01.2027 auf folgendes Konto:",
      "DE89 3704 0044 0532 0130 00",
      "DUSSDEDDXXX",
      "Verwendungszweck",
      "Mit freundlichen Grüßen",
      "USt-IdNr. DE123456789",
      "Seite 1 von 1",
    ])
  })

  it("prints an English reminder without a fee line, with the country for a foreign buyer", async () => {
    const { text } = await pdfText(await renderDunningPdf(englishNotice()))
    expectAll(text, [
      "Payment reminder",
      "for invoice RE-2026-000123",
      "Dear Sir or Madam,",
      "Date",
      "08 Jan 2027",
      "Payable by",
      "15 Jan 2027",
      "Invoice date",
      "04 Dec 2026",
      "18 Dec 2026",
      "€1,234.50",
      "Please transfer €1,234.50 by 15 Jan 2027 to the following account:",
      "Kind regards",
      "Netherlands",
      "Germany",
      "Page 1 of 1",
    ])
    expect(flat(text)).not.toContain("Reminder fee")
    expect(flat(text)).not.toContain("Customer number")
  })

  it("lists several invoices, continuing on a second page with the footer on each", async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({
      number: `RE-2026-${String(i + 1).padStart(6, "0")}`,
      issue_date: "2026-11-01",
      due_date: "2026-11-15",
      amount: "10.00",
      open_amount: "10.00",
    }))
    const pdf = await renderDunningPdf({ ...germanNotice(), items, open_total: "300.00", total: "305.00" })
    const { text, pages } = await pdfText(pdf)
    expect(pages).toBe(2)
    expectAll(text, ["RE-2026-000001", "RE-2026-000030", "zu 30 Rechnungen", "1. Mahnung (Fortsetzung)", "Seite 1 von 2", "Seite 2 von 2", "300,00 €", "305,00 €"])
    const runs = (await pdfItems(pdf)).filter((item) => item.str.trim())
    expect(runs.filter((item) => item.x < 50 || item.x + item.width > A4.width - 40)).toEqual([])
  })

  it("renders the same notice to the same bytes, and places a logo", async () => {
    const first = await renderDunningPdf(germanNotice())
    const second = await renderDunningPdf(germanNotice())
    expect(first.equals(second)).toBe(true)
    const withLogo = await renderDunningPdf(germanNotice(), { logo: tinyPng() })
    expect(withLogo.toString("latin1")).toContain("/Subtype /Image")
  })

  it.each<[string, Partial<DunningNoticeDocument>, string]>([
    ["a malformed notice date", { notice_date: "2027-02-30" }, "notice_date"],
    ["a malformed due date", { items: [{ number: "RE-1", issue_date: "2026-12-04", due_date: "18.12.2026", amount: "1.00", open_amount: "1.00" }] }, "items[0].due_date"],
    ["an amount with 3 decimals", { fee: "5.001" }, "fee"],
    ["no invoices", { items: [] }, "at least one invoice"],
    ["an unknown locale", { locale: "fr" as "de" }, 'Invalid locale "fr"'],
  ])("rejects %s", async (_name, overrides, message) => {
    await expect(renderDunningPdf({ ...germanNotice(), ...overrides })).rejects.toThrow(message)
  })

  it("rejects a logo that is no image", async () => {
    await expect(renderDunningPdf(germanNotice(), { logo: Buffer.from("GIF89a") })).rejects.toThrow("PNG or JPEG")
  })
})
