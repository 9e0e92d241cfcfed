import { renderDunningPdf } from "../dunning-pdf"
import { renderInvoicePdf } from "../invoice-pdf"
import {
  CONTENT_WIDTH,
  isPngOrJpeg,
  LetterDocument,
  LetterRenderer,
  MARGIN,
  RIGHT,
  tableColumns,
  withCountry,
} from "../letter-layout"
import { germanInvoice, pdfItems, reverseChargeInvoice, SELLER, TextItem, tinyPng } from "./fixtures"

/** The smallest document in the letter layout: the letterhead, then `paragraphs` numbered paragraphs. */
class ParagraphLetter extends LetterRenderer {
  constructor(
    doc: LetterDocument,
    private readonly paragraphs: number,
    logo: Buffer | null = null
  ) {
    super(doc, { date: "2027-01-08", title: "Notice for contract V-1", continues: "Notice V-1", logo })
  }

  protected override content(): void {
    this.letterHead({ info: [["Date", this.date("2027-01-08")]], title: "Notice", subtitle: "for contract V-1" })
    for (let index = 1; index <= this.paragraphs; index++) {
      this.paragraph(`Paragraph ${index} of the letter.`)
    }
  }
}

function letter(overrides: Partial<LetterDocument> = {}): LetterDocument {
  return {
    locale: "en",
    currency_code: "eur",
    seller: SELLER,
    buyer: reverseChargeInvoice().buyer,
    ...overrides,
  }
}

/** The text runs of a page's footer, with their positions: its top line is the seller's name (pdf y grows upwards). */
function footerRuns(items: TextItem[], page: number): string[] {
  const onPage = items.filter((item) => item.page === page && item.str.trim())
  const top = Math.min(...onPage.filter((item) => item.str === SELLER.name).map((item) => item.y))
  return onPage
    .filter((item) => item.y <= top + 0.5)
    .map((item) => `${item.x.toFixed(2)} ${item.y.toFixed(2)} ${item.str}`)
    .sort()
}

describe("letter layout", () => {
  it("continues on further pages under a continuation line, with the footer and page number on each", async () => {
    const pdf = await new ParagraphLetter(letter(), 80).render()
    const items = await pdfItems(pdf)
    const pages = Math.max(...items.map((item) => item.page))
    expect(pages).toBeGreaterThanOrEqual(2)
    for (let page = 1; page <= pages; page++) {
      const runs = items.filter((item) => item.page === page)
      expect(runs.filter((item) => item.str === `Page ${page} of ${pages}`)).toHaveLength(1)
      expect(runs.filter((item) => item.str === "BIC DUSSDEDDXXX")).toHaveLength(1)
      expect(runs.filter((item) => item.str === "Notice V-1 (continued)")).toHaveLength(page === 1 ? 0 : 1)
      // content stays above the footer's rule: the lowest paragraph is above the footer's highest line
      const paragraphs = runs.filter((item) => item.str.startsWith("Paragraph "))
      const footer = runs.filter((item) => item.str === "Bäckerei Größenwahn GmbH" && item.y < 200)
      expect(footer).toHaveLength(1)
      expect(Math.min(...paragraphs.map((item) => item.y))).toBeGreaterThan(footer[0].y + 14)
    }
    const numbers = items.filter((item) => item.str.startsWith("Paragraph ")).map((item) => item.str)
    expect(numbers).toEqual(Array.from({ length: 80 }, (_, index) => `Paragraph ${index + 1} of the letter.`))
  })

  it("adds the country to both addresses of a cross-border letter only, and the buyer's VAT id only on request", async () => {
    const foreign = (await pdfItems(await new ParagraphLetter(letter(), 1).render())).map((item) => item.str)
    expect(foreign).toEqual(expect.arrayContaining(["Netherlands", "Germany", "Notice", "for contract V-1", "08 Jan 2027"]))
    expect(foreign.join("\n")).not.toContain("NL123456789B01")
    const domestic = letter({ buyer: { ...letter().buyer, country_code: "DE" } })
    const texts = (await pdfItems(await new ParagraphLetter(domestic, 1).render())).map((item) => item.str)
    expect(texts).not.toContain("Germany")
  })

  it("gives invoices and dunning notices of the same seller the same footer", async () => {
    const invoice = await pdfItems(await renderInvoicePdf(germanInvoice()))
    const notice = await pdfItems(
      await renderDunningPdf({
        locale: "de",
        title: "Zahlungserinnerung",
        text: "sicher haben Sie die Rechnung übersehen.",
        notice_date: "2027-01-08",
        payment_deadline: "2027-01-15",
        currency_code: "eur",
        seller: SELLER,
        buyer: germanInvoice().buyer,
        items: [{ number: "RE-1", issue_date: "2026-12-04", due_date: "2026-12-18", amount: "1.00", open_amount: "1.00" }],
        open_total: "1.00",
        fee: "0.00",
        total: "1.00",
      })
    )
    const footer = footerRuns(invoice, 1)
    expect(footer.join("\n")).toContain("Steuernummer 133/5812/0123")
    expect(footer.join("\n")).toContain("Seite 1 von 1")
    expect(footerRuns(notice, 1)).toEqual(footer)
  })

  it("rejects a logo that is neither PNG nor JPEG before drawing anything", () => {
    expect(() => new ParagraphLetter(letter(), 1, Buffer.from("GIF89a...."))).toThrow("PNG or JPEG")
    expect(() => new ParagraphLetter(letter(), 1, tinyPng())).not.toThrow()
  })
})

describe("tableColumns", () => {
  it("gives the column without a width the rest of the content width, less the cell padding", () => {
    const columns = tableColumns([{ width: 40, align: "left" }, { align: "left" }, { width: 60, align: "right" }])
    expect(columns.map((column) => column.align)).toEqual(["left", "left", "right"])
    expect(columns[0]).toEqual({ x: MARGIN.left + 4, width: 32, align: "left" })
    expect(columns[1].x).toBeCloseTo(MARGIN.left + 44)
    expect(columns[1].width).toBeCloseTo(CONTENT_WIDTH - 100 - 8)
    expect(columns[2].x + columns[2].width + 4).toBeCloseTo(RIGHT)
  })

  it("needs exactly one column without a width, and room for it", () => {
    expect(() => tableColumns([{ width: 40, align: "left" }])).toThrow("exactly one column without a width, got 0")
    expect(() => tableColumns([{ align: "left" }, { align: "right" }])).toThrow("got 2")
    expect(() => tableColumns([{ align: "left" }, { width: CONTENT_WIDTH, align: "right" }])).toThrow("no room")
  })
})

describe("withCountry", () => {
  it("adds the country's name in the document's language when asked", () => {
    expect(withCountry(["Keizersgracht 123"], "nl", true, "en")).toEqual(["Keizersgracht 123", "Netherlands"])
    expect(withCountry(["Keizersgracht 123"], "NL", true, "de")).toEqual(["Keizersgracht 123", "Niederlande"])
  })

  it("leaves the address alone when not asked, without a country, or when the country is already there", () => {
    expect(withCountry(["Keizersgracht 123"], "nl", false, "en")).toEqual(["Keizersgracht 123"])
    expect(withCountry(["Keizersgracht 123"], null, true, "en")).toEqual(["Keizersgracht 123"])
    expect(withCountry(["Keizersgracht 123", "netherlands "], "nl", true, "en")).toEqual(["Keizersgracht 123", "netherlands "])
    expect(withCountry(["Keizersgracht 123", "NL"], "nl", true, "en")).toEqual(["Keizersgracht 123", "NL"])
  })
})

describe("isPngOrJpeg", () => {
  it("tells PNG and JPEG from anything else by the file's signature", () => {
    expect(isPngOrJpeg(tinyPng())).toBe(true)
    expect(isPngOrJpeg(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toBe(true)
    expect(isPngOrJpeg(Buffer.from("GIF89a...."))).toBe(false)
    expect(isPngOrJpeg(Buffer.from([0x89, 0x50, 0x4e]))).toBe(false)
  })
})
