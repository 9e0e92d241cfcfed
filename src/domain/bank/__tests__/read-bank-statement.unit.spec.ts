import { readFileSync } from "fs"
import path from "path"
import { isIsoDate } from "../../calendar-date"
import { DEFAULT_CSV_LAYOUT, readBankStatement } from "../index"
import { CORPORA, corpusFiles, errorOf, readCorpus, readFixture } from "./corpus-oracles"

const ALL_FILES: [string, Buffer, string][] = [
  ...corpusFiles("camt", /\.xml$/).map((file): [string, Buffer, string] => [file, readCorpus("camt", file), file.includes("054") ? "camt.054" : "camt.053"]),
  ...corpusFiles("mt940", /\.sta$/).map((file): [string, Buffer, string] => [file, readCorpus("mt940", file), "mt940"]),
  ["camt053_v08_batch_return_reversal.xml", readFixture("camt053_v08_batch_return_reversal.xml"), "camt.053"],
  ["mt940_sepa_return_cp1252.sta", readFixture("mt940_sepa_return_cp1252.sta"), "mt940"],
]

describe("readBankStatement: detects the format of every corpus and fixture file", () => {
  it.each(ALL_FILES)("%s is %s", (_, input, format) => {
    const statements = readBankStatement(input, { currency: "EUR" })
    expect(statements.map((statement) => statement.format)).toEqual(statements.map(() => format))
  })

  it("reads CSV only when asked to", () => {
    const csv = readFixture("sparkasse_csv_camt_v2_cp1252.csv")
    expect(errorOf(() => readBankStatement(csv)).message).toContain("format not recognised")
    expect(readBankStatement(csv, { format: "csv" })[0].entries).toHaveLength(3)
    expect(readBankStatement(csv, { csvLayout: DEFAULT_CSV_LAYOUT })[0].entries).toHaveLength(3)
  })

  it("still reads camt and MT940 by their content when a CSV layout is passed", () => {
    const camt = readFixture("camt053_v08_batch_return_reversal.xml")
    expect(readBankStatement(camt, { csvLayout: DEFAULT_CSV_LAYOUT })[0].format).toBe("camt.053")
  })

  it("refuses a camt.053 file when camt.054 was asked for", () => {
    const camt = readFixture("camt053_v08_batch_return_reversal.xml")
    expect(errorOf(() => readBankStatement(camt, { format: "camt.054" })).message).toBe(
      "file is a camt.053 document, not camt.054"
    )
  })
})

describe("readBankStatement: every statement read honours the contract of types.ts", () => {
  const amount = /^\d+\.\d{2}$/
  const signedAmount = /^-?\d+\.\d{2}$/

  it.each(ALL_FILES)("%s", (_, input) => {
    for (const statement of readBankStatement(input, { currency: "EUR" })) {
      expect(statement.currency).toMatch(/^[A-Z]{3}$/)
      for (const balance of [statement.opening_balance, statement.closing_balance]) {
        expect(balance === null || (signedAmount.test(balance) && balance !== "-0.00")).toBe(true)
      }
      for (const date of [statement.from_date, statement.to_date]) {
        expect(date === null || isIsoDate(date)).toBe(true)
      }
      expect(statement.account_iban === null || /^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(statement.account_iban)).toBe(true)
      for (const entry of statement.entries) {
        expect(entry.amount).toMatch(amount)
        expect(isIsoDate(entry.booking_date)).toBe(true)
        expect(entry.value_date === null || isIsoDate(entry.value_date)).toBe(true)
        expect(entry.transactions.length).toBeGreaterThan(0)
        for (const transaction of entry.transactions) {
          expect(transaction.amount).toMatch(amount)
          expect(transaction.fee_amount === null || amount.test(transaction.fee_amount)).toBe(true)
          expect(transaction.remittance_text).toBe(transaction.remittance_text.replace(/\s+/g, " ").trim())
          expect(transaction.end_to_end_id).not.toBe("NOTPROVIDED")
        }
      }
    }
  })
})

describe("readBankStatement: rejects garbage", () => {
  it.each<[string, string | Buffer, string]>([
    ["an empty file", "", "empty file"],
    ["white space only", Buffer.from("  \r\n\t\n"), "empty file"],
    ["random bytes", Buffer.from(Array.from({ length: 256 }, (_, index) => (index * 97 + 13) % 256)), "format not recognised"],
    ["plain text", "Sehr geehrte Damen und Herren,\nanbei der Kontoauszug.", "format not recognised"],
    ["HTML", "<!DOCTYPE html>\n<html><head><title>Online-Banking</title></head><body></body></html>", "not a camt.053/camt.054 document (root element html)"],
    [
      "a pain.008 direct debit file",
      readFileSync(path.join(CORPORA, "pain/python-sepaxml_pain.008.001.02_expected.xml")),
      "not a camt.053/camt.054 document (root element Document/CstmrDrctDbtInitn",
    ],
    ["a JSON file", '{"entries": []}', "format not recognised"],
    ["an MT940 statement without entries and balances", ":20:STARTUMS\n:25:12345678/0000000001\n:28C:1\n-", "neither :61: entries nor :60:/:62: balances"],
  ])("%s", (_, input, message) => {
    expect(errorOf(() => readBankStatement(input)).message).toContain(message)
  })
})
