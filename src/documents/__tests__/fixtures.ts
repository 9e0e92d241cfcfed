import { deflateSync } from "zlib"
import type { InvoiceDocument } from "../invoice-pdf"

// eslint-disable-next-line @typescript-eslint/no-var-requires
const pdfParse: (data: Uint8Array, options?: Record<string, unknown>) => Promise<{ text: string; numpages: number }> =
  require("pdf-parse/lib/pdf-parse.js")

export interface TextItem {
  page: number
  str: string
  x: number
  y: number
  width: number
  height: number
}

/** Text of the whole PDF, one line per text run (pdf-parse's default page render). */
/**
 * pdf-parse's bundled pdf.js passes a Node Buffer through its fake worker in
 * a way that loses the view's offset into Node's shared pool, so PDFs under
 * 4 KiB would be misread ("bad XRef entry"). A plain Uint8Array is safe.
 */
function standalone(pdf: Buffer): Uint8Array {
  return new Uint8Array(pdf)
}

export async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const result = await pdfParse(standalone(pdf))
  return { text: result.text, pages: result.numpages }
}

/** Every text run with its position, for layout checks. */
export async function pdfItems(pdf: Buffer): Promise<TextItem[]> {
  const items: TextItem[] = []
  let page = 0
  await pdfParse(standalone(pdf), {
    pagerender: async (pageData: any) => {
      page += 1
      const current = page
      const content = await pageData.getTextContent({ normalizeWhitespace: false, disableCombineTextItems: false })
      for (const item of content.items) {
        items.push({
          page: current,
          str: item.str,
          x: item.transform[4],
          y: item.transform[5],
          width: item.width,
          height: item.height || item.transform[3],
        })
      }
      return ""
    },
  })
  return items
}

/** Collapses whitespace so assertions do not depend on where a line wrapped. */
export function flat(text: string): string {
  return text.replace(/\s+/g, " ")
}

function crc32(buffer: Buffer): number {
  let crc = 0xffffffff
  for (const byte of buffer) {
    crc ^= byte
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
    }
  }
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, "ascii"), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A small solid-colour RGB PNG. */
export function tinyPng(width = 40, height = 16): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // RGB
  const rows: Buffer[] = []
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3)
    for (let x = 0; x < width; x++) {
      row[1 + x * 3] = 0x20
      row[2 + x * 3] = 0x60
      row[3 + x * 3] = 0xc0
    }
    rows.push(row)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ])
}

export const SELLER: InvoiceDocument["seller"] = {
  name: "Bäckerei Größenwahn GmbH",
  address_lines: ["Königsallee 12", "40212 Düsseldorf"],
  country_code: "de",
  vat_id: "DE123456789",
  tax_number: "133/5812/0123",
  email: "rechnung@groessenwahn.example",
  phone: "+49 211 123456",
  bank: { name: "Stadtsparkasse Düsseldorf", iban: "DE89370400440532013000", bic: "DUSSDEDDXXX" },
}

/** German invoice: 19 % and 7 % lines, credit applied, long address with umlauts. */
export function germanInvoice(): InvoiceDocument {
  return {
    kind: "invoice",
    locale: "de",
    number: "RE-2026-000123",
    issue_date: "2026-12-04",
    due_date: "2026-12-18",
    service_from: "2026-12-01",
    service_to: "2026-12-31",
    currency_code: "eur",
    contract_number: "V-2026-0042",
    cancels_number: null,
    seller: SELLER,
    buyer: {
      name: "Jürgen Äpfelbäumer-Özdemir",
      company: "Müller & Söhne Großhandelsgesellschaft für Bürobedarf und Schreibwaren mbH & Co. KG",
      address_lines: [
        "Abteilung Rechnungsprüfung / Kreditorenbuchhaltung, z. Hd. Frau Weiß",
        "Überseeallee 1234, Hinterhaus, 3. Obergeschoss, Büro Nr. 17",
        "20457 Hamburg-Übersee",
      ],
      country_code: "de",
      vat_id: null,
      customer_number: "K-10077",
    },
    lines: [
      {
        position: 1,
        description: "Software-Abonnement „Größe L“ – monatliche Nutzungsgebühr",
        service_from: "2026-12-01",
        service_to: "2026-12-31",
        quantity: "3",
        unit_price: "1000.00",
        net_amount: "3000.00",
        tax_rate: "19",
      },
      {
        position: 2,
        description: "Fachzeitschrift „Bürowelt“ (ermäßigter Steuersatz)",
        service_from: "2026-12-01",
        service_to: "2026-12-31",
        quantity: "2.5",
        unit_price: "12.3456",
        net_amount: "30.86",
        tax_rate: "7",
      },
    ],
    tax_breakdown: [
      { category: "standard", rate: "19", net: "3000.00", tax: "570.00" },
      { category: "standard", rate: "7", net: "30.86", tax: "2.16" },
    ],
    net_total: "3030.86",
    tax_total: "572.16",
    gross_total: "3603.02",
    credit_applied: "250.00",
    amount_due: "3353.02",
    notes: ["Vielen Dank für Ihren Auftrag. Äußerst wichtig: Öl, Übergrößen, süß – ÄÖÜäöüß €."],
    payment_terms: "Zahlbar innerhalb von 14 Tagen ohne Abzug bis zum 18.12.2026.",
  }
}

/** English reverse-charge invoice to a Dutch business. */
export function reverseChargeInvoice(): InvoiceDocument {
  return {
    kind: "invoice",
    locale: "en",
    number: "RE-2026-000124",
    issue_date: "2026-12-04",
    due_date: "2026-12-18",
    service_from: "2026-12-01",
    service_to: "2026-12-31",
    currency_code: "eur",
    contract_number: "V-2026-0043",
    cancels_number: null,
    seller: SELLER,
    buyer: {
      name: "Pieter de Vries",
      company: "Bloemen B.V.",
      address_lines: ["Keizersgracht 123", "1015 CJ Amsterdam"],
      country_code: "nl",
      vat_id: "NL123456789B01",
      customer_number: "K-20001",
    },
    lines: [
      {
        position: 1,
        description: "Software subscription, plan M",
        service_from: "2026-12-01",
        service_to: "2026-12-31",
        quantity: "1",
        unit_price: "1234.56",
        net_amount: "1234.56",
        tax_rate: "0",
      },
    ],
    tax_breakdown: [{ category: "reverse_charge", rate: "0", net: "1234.56", tax: "0.00" }],
    net_total: "1234.56",
    tax_total: "0.00",
    gross_total: "1234.56",
    credit_applied: "0.00",
    amount_due: "1234.56",
    notes: ["Reverse charge: the recipient of the service is liable for the VAT (Art. 196 Council Directive 2006/112/EC)."],
    payment_terms: "Payable within 14 days without deduction.",
  }
}

/** Small business (§ 19 UStG) invoice: no VAT at all. */
export function smallBusinessInvoice(): InvoiceDocument {
  return {
    kind: "invoice",
    locale: "de",
    number: "KB-2026-0007",
    issue_date: "2026-03-01",
    due_date: null,
    service_from: "2026-03-01",
    service_to: "2026-03-31",
    currency_code: "eur",
    contract_number: null,
    cancels_number: null,
    seller: { ...SELLER, name: "Jana Schöne Webdesign", vat_id: null, tax_number: "21/815/08150", bank: null },
    buyer: {
      name: "Thomas Kühn",
      company: null,
      address_lines: ["Lindenstraße 5", "10969 Berlin"],
      country_code: "de",
      vat_id: null,
      customer_number: null,
    },
    lines: [
      {
        position: 1,
        description: "Webhosting Paket S",
        service_from: "2026-03-01",
        service_to: "2026-03-31",
        quantity: "1",
        unit_price: "9.90",
        net_amount: "9.90",
        tax_rate: "0",
      },
    ],
    tax_breakdown: [{ category: "small_business", rate: "0", net: "9.90", tax: "0.00" }],
    net_total: "9.90",
    tax_total: "0.00",
    gross_total: "9.90",
    credit_applied: "0.00",
    amount_due: "9.90",
    notes: ["Gemäß § 19 UStG wird keine Umsatzsteuer berechnet."],
    payment_terms: null,
  }
}

/** Cancellation (Stornorechnung) of the German invoice: negated amounts. */
export function cancellation(): InvoiceDocument {
  const original = germanInvoice()
  return {
    ...original,
    kind: "cancellation",
    number: "ST-2026-000007",
    issue_date: "2026-12-10",
    due_date: null,
    cancels_number: original.number,
    lines: original.lines.map((line) => ({
      ...line,
      quantity: `-${line.quantity}`,
      net_amount: `-${line.net_amount}`,
    })),
    tax_breakdown: [
      { category: "standard", rate: "19", net: "-3000.00", tax: "-570.00" },
      { category: "standard", rate: "7", net: "-30.86", tax: "-2.16" },
    ],
    net_total: "-3030.86",
    tax_total: "-572.16",
    gross_total: "-3603.02",
    credit_applied: "0.00",
    amount_due: "-3603.02",
    notes: [],
    payment_terms: null,
  }
}

/** An invoice with `count` lines, to force page breaks. */
export function longInvoice(count: number, locale: "de" | "en" = "de"): InvoiceDocument {
  const base = germanInvoice()
  const lines = Array.from({ length: count }, (_, index) => ({
    position: index + 1,
    description: `Zusatzmodul Nr. ${index + 1}${index % 7 === 3 ? " mit einer etwas längeren Beschreibung, die in der Tabelle umbrechen muss" : ""}`,
    service_from: "2026-12-01",
    service_to: "2026-12-31",
    quantity: "1",
    unit_price: "10.00",
    net_amount: "10.00",
    tax_rate: "19",
  }))
  const net = `${count * 10}.00`
  const tax = (count * 190).toString().replace(/(\d\d)$/, ".$1")
  const gross = (count * 1190).toString().replace(/(\d\d)$/, ".$1")
  return {
    ...base,
    locale,
    lines,
    tax_breakdown: [{ category: "standard", rate: "19", net, tax }],
    net_total: net,
    tax_total: tax,
    gross_total: gross,
    credit_applied: "0.00",
    amount_due: gross,
  }
}
