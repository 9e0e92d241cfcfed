import { inflateSync } from "zlib"
import { InvoiceDocument, renderInvoicePdf } from "../invoice-pdf"
import { formatDate, formatDecimal, formatIban, formatMoney, formatPercent, toWinAnsi } from "../format"
import {
  TextItem,
  cancellation,
  flat,
  germanInvoice,
  longInvoice,
  pdfItems,
  pdfText,
  reverseChargeInvoice,
  smallBusinessInvoice,
  tinyPng,
} from "./fixtures"

const A4 = { width: 595.28, height: 841.89 }

/** True when `label` and `value` are separate runs on the same baseline of the same page. */
function onSameLine(items: TextItem[], label: string, value: string): boolean {
  return items.some(
    (a) =>
      a.str.trim() === label &&
      items.some((b) => b !== a && b.page === a.page && b.str.trim() === value && Math.abs(b.y - a.y) < 0.5)
  )
}

function expectAll(text: string, expected: string[]): void {
  const haystack = flat(text)
  const missing = expected.filter((needle) => !haystack.includes(needle))
  expect(missing).toEqual([])
}

/** Decompressed page content streams, to check drawing operators. */
function contentStreams(pdf: Buffer): string[] {
  const streams: string[] = []
  const binary = pdf.toString("latin1")
  const pattern = /stream\n([\s\S]*?)\nendstream/g
  let match: RegExpExecArray | null
  while ((match = pattern.exec(binary)) !== null) {
    try {
      streams.push(inflateSync(Buffer.from(match[1], "latin1")).toString("latin1"))
    } catch {
      // not a Flate stream (e.g. raw image data)
    }
  }
  return streams
}

/** No two text runs of a page overlap, and all text stays on the page inside the side margins. */
function expectCleanLayout(items: TextItem[]): void {
  const problems: string[] = []
  const visible = items.filter((item) => item.str.trim() !== "")
  for (const item of visible) {
    if (item.x < 50 || item.x + item.width > A4.width - 40 || item.y < 20 || item.y + item.height > A4.height - 40) {
      problems.push(`outside the page: ${item.str}`)
    }
  }
  for (let i = 0; i < visible.length; i++) {
    for (let j = i + 1; j < visible.length; j++) {
      const a = visible[i]
      const b = visible[j]
      if (a.page !== b.page) {
        continue
      }
      const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
      const overlapY = Math.min(a.y + a.height * 0.7, b.y + b.height * 0.7) - Math.max(a.y, b.y)
      if (overlapX > 0.5 && overlapY > 0.5) {
        problems.push(`"${a.str}" overlaps "${b.str}" on page ${a.page}`)
      }
    }
  }
  expect(problems).toEqual([])
}

describe("renderInvoicePdf", () => {
  describe("German invoice with 19 % and 7 %, credit applied, long address with umlauts", () => {
    let pdf: Buffer
    let text: string
    let pages: number
    let items: TextItem[]

    beforeAll(async () => {
      pdf = await renderInvoicePdf(germanInvoice(), { logo: tinyPng() })
      ;({ text, pages } = await pdfText(pdf))
      items = await pdfItems(pdf)
    })

    it("is a one-page PDF", () => {
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-")
      expect(pages).toBe(1)
    })

    it("names seller and buyer with full address, in extractable umlauts", () => {
      expectAll(text, [
        "Bäckerei Größenwahn GmbH",
        "Königsallee 12",
        "40212 Düsseldorf",
        "Müller & Söhne Großhandelsgesellschaft für Bürobedarf und Schreibwaren mbH & Co. KG",
        "Jürgen Äpfelbäumer-Özdemir",
        "Abteilung Rechnungsprüfung / Kreditorenbuchhaltung, z. Hd. Frau Weiß",
        "Überseeallee 1234, Hinterhaus, 3. Obergeschoss, Büro Nr. 17",
        "20457 Hamburg-Übersee",
      ])
      // same country: no country line
      expect(text).not.toContain("Deutschland")
    })

    it("renders €, ÄÖÜäöüß and typographic quotes/dashes exactly", () => {
      expectAll(text, ["Äußerst wichtig: Öl, Übergrößen, süß – ÄÖÜäöüß €.", "„Größe L“ – monatliche"])
    })

    it("carries the seller's tax ids, contact and bank details", () => {
      expectAll(text, [
        "USt-IdNr. DE123456789",
        "Steuernummer 133/5812/0123",
        "Tel. +49 211 123456",
        "E-Mail rechnung@groessenwahn.example",
        "Stadtsparkasse Düsseldorf",
        "IBAN DE89 3704 0044 0532 0130 00",
        "BIC DUSSDEDDXXX",
      ])
    })

    it("has title, number, dates, service period, customer and contract number", () => {
      expect(items.some((item) => item.str === "Rechnung")).toBe(true)
      expect(onSameLine(items, "Rechnungsnummer", "RE-2026-000123")).toBe(true)
      expect(onSameLine(items, "Rechnungsdatum", "04.12.2026")).toBe(true)
      expect(onSameLine(items, "Leistungszeitraum", "01.12.2026 – 31.12.2026")).toBe(true)
      expect(onSameLine(items, "Fällig am", "18.12.2026")).toBe(true)
      expect(onSameLine(items, "Kundennummer", "K-10077")).toBe(true)
      expect(onSameLine(items, "Vertragsnummer", "V-2026-0042")).toBe(true)
      expect(text).not.toContain("2026-12-04")
    })

    it("lists quantity, kind, unit price, rate, net amount and period of every line", () => {
      expectAll(text, [
        "Pos.BeschreibungMengeEinzelpreisUSt.Netto",
        "Software-Abonnement „Größe L“ – monatliche Nutzungsgebühr",
        "Fachzeitschrift „Bürowelt“ (ermäßigter Steuersatz)",
        "Leistungszeitraum: 01.12.2026 – 31.12.2026",
      ])
      for (const [value, left] of [
        ["3", "1"],
        ["1.000,00 €", "3"],
        ["19 %", "1.000,00 €"],
        ["3.000,00 €", "19 %"],
        ["2,5", "2"],
        ["12,3456 €", "2,5"],
        ["7 %", "12,3456 €"],
        ["30,86 €", "7 %"],
      ]) {
        expect(onSameLine(items, left, value)).toBe(true)
      }
    })

    it("shows net per rate, rate and tax per rate, gross total, credit and amount due", () => {
      expect(onSameLine(items, "Summe netto", "3.030,86 €")).toBe(true)
      expect(onSameLine(items, "zzgl. USt. 19 % auf 3.000,00 €", "570,00 €")).toBe(true)
      expect(onSameLine(items, "zzgl. USt. 7 % auf 30,86 €", "2,16 €")).toBe(true)
      expect(onSameLine(items, "Gesamtbetrag", "3.603,02 €")).toBe(true)
      expect(onSameLine(items, "abzüglich Guthaben", "-250,00 €")).toBe(true)
      expect(onSameLine(items, "Zu zahlen", "3.353,02 €")).toBe(true)
    })

    it("prints notes, payment terms and the page number", () => {
      expectAll(text, [
        "Vielen Dank für Ihren Auftrag.",
        "Zahlbar innerhalb von 14 Tagen ohne Abzug bis zum 18.12.2026.",
        "Seite 1 von 1",
      ])
    })

    it("places the logo at the top right", () => {
      expect(pdf.toString("latin1")).toContain("/Subtype /Image")
      const placement = contentStreams(pdf)
        .join("\n")
        .match(/([\d.]+) 0 0 -([\d.]+) ([\d.]+) ([\d.]+) cm\n\/I1 Do/)
      expect(placement).not.toBeNull()
      const [, width, height, x, bottom] = placement!.map(Number)
      expect(width).toBeLessThanOrEqual(150)
      expect(height).toBeLessThanOrEqual(56)
      expect(x + width).toBeCloseTo(A4.width - 45, 1) // flush with the right margin
      expect(bottom - height).toBeCloseTo(45, 1) // at the top margin
    })

    it("lays text out without overlaps, inside the page", () => {
      expectCleanLayout(items)
    })
  })

  describe("English reverse-charge invoice", () => {
    let text: string
    let items: TextItem[]

    beforeAll(async () => {
      const pdf = await renderInvoicePdf(reverseChargeInvoice())
      text = (await pdfText(pdf)).text
      items = await pdfItems(pdf)
    })

    it("shows both VAT ids and the reverse-charge note", () => {
      expectAll(text, [
        "VAT ID: NL123456789B01",
        "VAT ID DE123456789",
        "Reverse charge: the recipient of the service is liable for the VAT (Art. 196 Council Directive 2006/112/EC).",
      ])
    })

    it("adds the country to both addresses of a cross-border invoice", () => {
      expectAll(text, ["Bloemen B.V.", "Pieter de Vries", "Keizersgracht 123", "1015 CJ Amsterdam", "Netherlands", "Germany"])
    })

    it("uses English labels, dates and amounts and prints no 0 % tax line", () => {
      expect(items.some((item) => item.str === "Invoice")).toBe(true)
      expect(onSameLine(items, "Invoice number", "RE-2026-000124")).toBe(true)
      expect(onSameLine(items, "Invoice date", "04 Dec 2026")).toBe(true)
      expect(onSameLine(items, "Service period", "01 Dec 2026 – 31 Dec 2026")).toBe(true)
      expect(onSameLine(items, "Due date", "18 Dec 2026")).toBe(true)
      expect(onSameLine(items, "Net total", "€1,234.56")).toBe(true)
      expect(onSameLine(items, "Total", "€1,234.56")).toBe(true)
      expectAll(text, ["Pos.DescriptionQtyUnit priceVATNet", "Payable within 14 days without deduction.", "Page 1 of 1"])
      expect(text).not.toMatch(/VAT 0% on/)
      expect(text).not.toContain("Amount due") // no credit applied
    })

    it("lays text out without overlaps, inside the page", () => {
      expectCleanLayout(items)
    })
  })

  describe("small business invoice (§ 19 UStG)", () => {
    let text: string
    let items: TextItem[]

    beforeAll(async () => {
      const pdf = await renderInvoicePdf(smallBusinessInvoice())
      text = (await pdfText(pdf)).text
      items = await pdfItems(pdf)
    })

    it("prints the § 19 note, the total and no tax line", () => {
      expectAll(text, ["Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.", "Steuernummer 21/815/08150"])
      expect(onSameLine(items, "Gesamtbetrag", "9,90 €")).toBe(true)
      expect(text).not.toContain("zzgl. USt.")
      expect(text).not.toContain("Summe netto")
      expect(text).not.toContain("USt-IdNr.")
      expect(text).not.toContain("IBAN")
      expect(text).not.toContain("Fällig am")
    })

    it("lays text out without overlaps, inside the page", () => {
      expectCleanLayout(items)
    })
  })

  describe("cancellation invoice", () => {
    it("is titled Stornorechnung and references the original invoice", async () => {
      const pdf = await renderInvoicePdf(cancellation())
      const { text } = await pdfText(pdf)
      const items = await pdfItems(pdf)
      expect(items.some((item) => item.str === "Stornorechnung")).toBe(true)
      expect(items.some((item) => item.str === "zu Rechnung RE-2026-000123")).toBe(true)
      expect(onSameLine(items, "Rechnungsnummer", "ST-2026-000007")).toBe(true)
      expect(onSameLine(items, "zzgl. USt. 19 % auf -3.000,00 €", "-570,00 €")).toBe(true)
      expect(onSameLine(items, "Gesamtbetrag", "-3.603,02 €")).toBe(true)
      expect(text).not.toContain("abzüglich Guthaben")
      expectCleanLayout(items)
    })

    it("reads 'Cancellation invoice for invoice …' in English", async () => {
      const pdf = await renderInvoicePdf({ ...cancellation(), locale: "en" })
      const items = await pdfItems(pdf)
      expect(items.some((item) => item.str === "Cancellation invoice")).toBe(true)
      expect(items.some((item) => item.str === "for invoice RE-2026-000123")).toBe(true)
      expect(onSameLine(items, "Total", "-€3,603.02")).toBe(true)
    })
  })

  describe("60 lines", () => {
    it.each([
      ["de", "Seite", "von", "Beschreibung", "(Fortsetzung)"],
      ["en", "Page", "of", "Description", "(continued)"],
    ] as const)("spans several pages with repeated header and page numbers (%s)", async (locale, page, of, header, continued) => {
      const pdf = await renderInvoicePdf(longInvoice(60, locale))
      const { text, pages } = await pdfText(pdf)
      const items = await pdfItems(pdf)
      expect(pages).toBeGreaterThanOrEqual(2)
      for (let index = 1; index <= pages; index++) {
        expect(items.filter((item) => item.page === index && item.str === `${page} ${index} ${of} ${pages}`)).toHaveLength(1)
        expect(items.filter((item) => item.page === index && item.str === header)).toHaveLength(1)
      }
      expect(items.filter((item) => item.str.endsWith(continued))).toHaveLength(pages - 1)
      for (let position = 1; position <= 60; position++) {
        expect(flat(text)).toContain(`Nr. ${position}`)
      }
      // the seller's details (footer) are on every page
      expect(items.filter((item) => item.str === "BIC DUSSDEDDXXX")).toHaveLength(pages)
      expect(flat(text)).toContain(locale === "de" ? "714,00 €" : "€714.00")
      expectCleanLayout(items)
    })
  })

  describe("determinism", () => {
    afterEach(() => jest.useRealTimers())

    it("renders the same document to identical bytes, whatever the clock says", async () => {
      const first = await renderInvoicePdf(germanInvoice(), { logo: tinyPng() })
      jest.useFakeTimers({ now: new Date("2031-07-15T13:37:00Z"), doNotFake: ["nextTick", "setImmediate"] })
      const second = await renderInvoicePdf(germanInvoice(), { logo: tinyPng() })
      expect(second.equals(first)).toBe(true)
      expect(first.toString("latin1")).toContain("(D:20261204000000Z)")
    })

    it("multi-page documents are deterministic too, and differ when the content differs", async () => {
      const a = await renderInvoicePdf(longInvoice(60))
      const b = await renderInvoicePdf(longInvoice(60))
      expect(a.equals(b)).toBe(true)
      const c = await renderInvoicePdf({ ...longInvoice(60), issue_date: "2026-12-05" })
      expect(c.equals(a)).toBe(false)
    })
  })

  describe("robustness", () => {
    it("shows the untaxed part of a mixed document with its own net amount", async () => {
      const doc: InvoiceDocument = {
        ...germanInvoice(),
        lines: [{ ...germanInvoice().lines[0] }, { ...germanInvoice().lines[1], tax_rate: "0", net_amount: "30.86" }],
        tax_breakdown: [
          { category: "standard", rate: "19", net: "3000.00", tax: "570.00" },
          { category: "tax_free", rate: "0", net: "30.86", tax: "0.00" },
        ],
        tax_total: "570.00",
        gross_total: "3600.86",
        credit_applied: "0",
        amount_due: "3600.86",
      }
      const items = await pdfItems(await renderInvoicePdf(doc))
      expect(onSameLine(items, "zzgl. USt. 19 % auf 3.000,00 €", "570,00 €")).toBe(true)
      expect(onSameLine(items, "steuerfrei (0 %) auf 30,86 €", "0,00 €")).toBe(true)
      expect(onSameLine(items, "Gesamtbetrag", "3.600,86 €")).toBe(true)
    })

    it("falls back to base letters for characters outside WinAnsi (ř, Ł, ź)", async () => {
      const doc = germanInvoice()
      doc.buyer = { ...doc.buyer, company: null, name: "Antonín Dvořák", address_lines: ["ul. Łódzka 7", "90-001 Łódź"] }
      const { text } = await pdfText(await renderInvoicePdf(doc))
      expectAll(text, ["Antonín Dvorák", "ul. Lódzka 7", "90-001 Lódz"])
    })

    it("keeps wide amounts in their column", async () => {
      const doc = germanInvoice()
      doc.lines = [{ ...doc.lines[0], quantity: "1234.5", unit_price: "9876543.2109", net_amount: "12192592592.59" }]
      const items = await pdfItems(await renderInvoicePdf(doc))
      expectCleanLayout(items)
    })

    it("rejects malformed dates, unrounded amounts and unknown logo formats", async () => {
      await expect(renderInvoicePdf({ ...germanInvoice(), issue_date: "04.12.2026" })).rejects.toThrow(/issue_date/)
      await expect(renderInvoicePdf({ ...germanInvoice(), gross_total: "3603.025" })).rejects.toThrow(/gross_total/)
      await expect(renderInvoicePdf({ ...germanInvoice(), net_total: "12,00" })).rejects.toThrow(/net_total/)
      const badLine = germanInvoice()
      badLine.lines[1] = { ...badLine.lines[1], quantity: "two" }
      await expect(renderInvoicePdf(badLine)).rejects.toThrow(/lines\[1\]\.quantity/)
      await expect(renderInvoicePdf(germanInvoice(), { logo: Buffer.from("GIF89a....") })).rejects.toThrow(/PNG or JPEG/)
    })
  })
})

describe("document formatting", () => {
  it("formats amounts from the decimal string, exactly", () => {
    expect(formatMoney("1234.56", "eur", "de")).toBe("1.234,56 €")
    expect(formatMoney("1234.56", "eur", "en")).toBe("€1,234.56")
    expect(formatMoney("-1234.5", "eur", "de")).toBe("-1.234,50 €")
    expect(formatMoney("-1234.5", "eur", "en")).toBe("-€1,234.50")
    expect(formatMoney("0", "eur", "de")).toBe("0,00 €")
    expect(formatMoney("-0.00", "eur", "en")).toBe("€0.00")
    expect(formatMoney("12.3400", "eur", "de")).toBe("12,34 €")
    expect(formatMoney("12345678901234567.89", "eur", "de")).toBe("12.345.678.901.234.567,89 €") // beyond float precision
    expect(formatMoney("99.5", "chf", "de")).toBe("99,50 CHF")
    expect(formatMoney("99.5", "chf", "en")).toBe("CHF 99.50")
    expect(() => formatMoney("1.005", "eur", "de")).toThrow(/more than 2 decimals/)
    expect(() => formatMoney("1e3", "eur", "de")).toThrow(/decimal string/)
  })

  it("formats quantities, rates, dates and IBANs", () => {
    expect(formatDecimal("1000.500", "de")).toBe("1.000,5")
    expect(formatDecimal("1000", "en")).toBe("1,000")
    expect(formatPercent("19.00", "de")).toBe("19 %")
    expect(formatPercent("5.5", "en")).toBe("5.5%")
    expect(formatDate("2026-12-04", "de")).toBe("04.12.2026")
    expect(formatDate("2026-12-04", "en")).toBe("04 Dec 2026")
    expect(() => formatDate("2026-02-30", "de")).toThrow(/YYYY-MM-DD/)
    expect(formatIban("de89 3704 0044 0532 0130 00")).toBe("DE89 3704 0044 0532 0130 00")
  })

  it("maps text onto the WinAnsi code page", () => {
    expect(toWinAnsi("ÄÖÜäöüß € „x“ – — …")).toBe("ÄÖÜäöüß € „x“ – — …")
    // á, ó, Æ, ø are in WinAnsi and stay; ř, Ł, ź are not and lose their accent
    expect(toWinAnsi("Dvořák, Łódź, Ærø")).toBe("Dvorák, Lódz, Ærø")
    expect(toWinAnsi("a\tb\nc 1\u202f000")).toBe("a b c 1 000")
    expect(toWinAnsi("東京")).toBe("??")
  })
})
