import { BankStatementError } from "../readers"
import { decodeText, joinText, parseAmount, type AmountSyntax } from "../readers/fields"

const GERMAN: AmountSyntax = { decimal_separator: ",", grouping: true, signed: true }
const ENGLISH: AmountSyntax = { decimal_separator: ".", grouping: true, signed: true }
const SWIFT: AmountSyntax = { decimal_separator: ",", grouping: false, signed: false }

describe("parseAmount", () => {
  it.each<[string, AmountSyntax, boolean, string]>([
    ["1.234,56", GERMAN, false, "1234.56"],
    ["1234,56", GERMAN, false, "1234.56"],
    ["-1.234.567,8", GERMAN, true, "1234567.80"],
    ["12,50-", GERMAN, true, "12.50"],
    ["+0,5", GERMAN, false, "0.50"],
    ["-0,00", GERMAN, false, "0.00"],
    ["1,234.56", ENGLISH, false, "1234.56"],
    ["1234.56", ENGLISH, false, "1234.56"],
    ["007", ENGLISH, false, "7.00"],
    ["6800,", SWIFT, false, "6800.00"],
    ["620,3", SWIFT, false, "620.30"],
    ["12,500", SWIFT, false, "12.50"],
    ["99999999999999999,99", SWIFT, false, "99999999999999999.99"],
  ])("%s → %s", (raw, syntax, negative, amount) => {
    expect(parseAmount(raw, syntax, "amount", "row 1")).toEqual({ negative, amount })
  })

  it.each<[string, AmountSyntax, string]>([
    ["12,3x", GERMAN, 'row 1: amount "12,3x" is not a number'],
    ["", GERMAN, 'row 1: amount "" is not a number'],
    ["1.23,45", GERMAN, 'row 1: amount "1.23,45" is not a number'],
    ["1.234", ENGLISH, 'row 1: amount "1.234" has more than 2 decimals'],
    ["-5,00", SWIFT, 'row 1: amount "-5,00" is not a number'],
    ["1 000,00", GERMAN, 'row 1: amount "1 000,00" is not a number'],
    ["1e3", ENGLISH, 'row 1: amount "1e3" is not a number'],
  ])("rejects %s", (raw, syntax, message) => {
    expect(() => parseAmount(raw, syntax, "amount", "row 1")).toThrow(new BankStatementError(message.replace("row 1: ", ""), "row 1"))
    expect(() => parseAmount(raw, syntax, "amount", "row 1")).toThrow(message)
  })
})

describe("joinText", () => {
  it("joins non-empty parts with single spaces and folds line breaks and tabs", () => {
    expect(joinText(["  Rechnung\tRE-1 ", null, "", "\nKunde 4711  ", undefined])).toBe("Rechnung RE-1 Kunde 4711")
  })
})

describe("decodeText", () => {
  it.each<[string, Buffer, string]>([
    ["Windows-1252 bytes", Buffer.from([0x4d, 0xfc, 0xdf, 0x80]), "Müß€"],
    ["UTF-8 bytes (detected)", Buffer.from("Müß€", "utf8"), "Müß€"],
    ["a UTF-8 byte order mark", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Jänner", "utf8")]), "Jänner"],
  ])("%s", (_, bytes, text) => {
    expect(decodeText(bytes, "windows-1252", true)).toBe(text)
  })

  it("reads UTF-8-looking bytes as Windows-1252 unless detection is asked for", () => {
    expect(decodeText(Buffer.from("ü", "utf8"), "windows-1252")).toBe("Ã¼")
  })
})
