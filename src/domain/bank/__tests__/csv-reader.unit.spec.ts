import * as iconv from "iconv-lite"
import { DEFAULT_CSV_LAYOUT, readCsvStatement, type CsvLayout } from "../readers"
import { errorOf, readFixture } from "./corpus-oracles"

describe("readCsvStatement: Sparkasse CSV-CAMT V2 export in Windows-1252 (DEFAULT_CSV_LAYOUT)", () => {
  const statements = readCsvStatement(readFixture("sparkasse_csv_camt_v2_cp1252.csv"))
  const [statement] = statements

  it("reads one statement for the one account, without balances", () => {
    expect(statements).toHaveLength(1)
    expect(statement).toMatchObject({
      format: "csv",
      message_id: null,
      statement_id: null,
      account_iban: "DE89370400440532013000",
      account_other_id: null,
      currency: "EUR",
      opening_balance: null,
      closing_balance: null,
      from_date: "2025-01-15",
      to_date: "2025-01-16",
    })
    expect(statement.entries).toHaveLength(3)
  })

  it("reads a credit with thousands separator, umlauts and a quoted semicolon", () => {
    expect(statement.entries[0]).toMatchObject({
      booking_date: "2025-01-15",
      value_date: "2025-01-15",
      amount: "1119.00",
      direction: "credit",
      currency: "EUR",
      status: "booked",
      reversal: false,
    })
    expect(statement.entries[0].transactions).toEqual([
      {
        amount: "1119.00",
        direction: "credit",
        end_to_end_id: "RE-2025-0007",
        mandate_id: null,
        creditor_id: null,
        account_servicer_reference: null,
        remittance_text: "Rechnung RE-2025-0007; Gebühr für Jänner",
        structured_reference: null,
        counterparty_name: "Bernd Müller & Söhne",
        counterparty_iban: "DE02500105170137075030",
        counterparty_bic: "INGDDEFFXXX",
        return_reason: null,
        fee_amount: null,
      },
    ])
  })

  it("reads a returned direct debit with its fee (Auslagenersatz)", () => {
    expect(statement.entries[1]).toMatchObject({ amount: "53.00", direction: "debit" })
    expect(statement.entries[1].transactions[0]).toMatchObject({
      end_to_end_id: "INV-2024-0042",
      mandate_id: "MNDT-0042",
      creditor_id: "DE98ZZZ09999999999",
      counterparty_name: "Dieter Krüger",
      fee_amount: "3.00",
    })
  })

  it("marks 'Umsatz vorgemerkt' as pending and drops NOTPROVIDED", () => {
    expect(statement.entries[2]).toMatchObject({ status: "pending", booking_date: "2025-01-16", value_date: "2025-01-17" })
    expect(statement.entries[2].transactions[0]).toMatchObject({
      amount: "850.00",
      direction: "debit",
      end_to_end_id: null,
      counterparty_name: "Hausverwaltung Weiß",
      counterparty_bic: null,
    })
  })

  it("reads the same export when it arrives as UTF-8", () => {
    const utf8 = Buffer.from(iconv.decode(readFixture("sparkasse_csv_camt_v2_cp1252.csv"), "windows-1252"), "utf8")
    expect(readCsvStatement(utf8)).toEqual(statements)
  })
})

describe("readCsvStatement: a configured layout", () => {
  const layout: CsvLayout = {
    delimiter: ",",
    encoding: "utf-8",
    decimal_separator: ".",
    date_format: "YYYY-MM-DD",
    skip_rows: 2,
    has_header_row: false,
    skip_footer_rows: 1,
    columns: {
      booking_date: 0,
      value_date: 1,
      debit_amount: 2,
      credit_amount: 3,
      counterparty_name: 4,
      remittance_text: [5, 6],
      entry_reference: 7,
    },
    account_iban: "DE89 3704 0044 0532 0130 00",
    currency: "eur",
  }
  const file = [
    "Account statement DE89370400440532013000",
    "exported 2025-01-31",
    '2025-01-02,2025-01-02,,"1,250.00",Anna Schmidt,Invoice INV-1,January,REF-1',
    "2025-01-03,2025-01-04,-19.99,,Telekom,Phone,,REF-2",
    "",
    "Closing balance,,,,,,,1230.01",
  ].join("\n")

  it("reads positions, separate debit/credit columns, several remittance columns, skipped rows", () => {
    const [statement] = readCsvStatement(file, layout)
    expect(statement).toMatchObject({ account_iban: "DE89370400440532013000", currency: "EUR", from_date: "2025-01-02", to_date: "2025-01-03" })
    expect(statement.entries.map((entry) => [entry.amount, entry.direction, entry.entry_reference])).toEqual([
      ["1250.00", "credit", "REF-1"],
      ["19.99", "debit", "REF-2"],
    ])
    expect(statement.entries.map((entry) => entry.transactions[0].remittance_text)).toEqual(["Invoice INV-1 January", "Phone"])
  })

  it("names the line in the file (skipped rows counted) when a row is bad", () => {
    const error = errorOf(() => readCsvStatement(file.replace("2025-01-03", "2025-02-30"), layout))
    expect(error.message).toBe('row 4: booking date "2025-02-30" is not a date (expected YYYY-MM-DD)')
  })

  it.each([
    ["S", "debit"],
    ["h", "credit"],
    ["Soll", "debit"],
    ["CRDT", "credit"],
  ])("a direction column value %s means %s, whatever the amount's sign", (value, direction) => {
    const withDirection: CsvLayout = {
      ...DEFAULT_CSV_LAYOUT,
      encoding: "utf-8",
      date_format: "DD.MM.YYYY",
      columns: { booking_date: "Datum", amount: "Betrag", direction: "S/H", currency: "Währung", remittance_text: "Text" },
    }
    const [statement] = readCsvStatement(`Datum;Betrag;S/H;Währung;Text\n01.02.2025;-12,50;${value};EUR;x`, withDirection)
    expect(statement.entries[0]).toMatchObject({ amount: "12.50", direction })
    expect(statement.account_iban).toBeNull()
  })

  it("makes one statement per account when the account column holds several", () => {
    const text = iconv.decode(readFixture("sparkasse_csv_camt_v2_cp1252.csv"), "windows-1252").replace(
      /\r\n"DE89370400440532013000";"16\.01\.25"/,
      '\r\n"1234567890";"16.01.25"'
    )
    const statements = readCsvStatement(text)
    expect(statements.map((statement) => [statement.account_iban, statement.account_other_id, statement.entries.length])).toEqual([
      ["DE89370400440532013000", null, 2],
      [null, "1234567890", 1],
    ])
  })
})

describe("readCsvStatement: rejects what it cannot read, naming what and where", () => {
  const header = '"Auftragskonto";"Buchungstag";"Valutadatum";"Buchungstext";"Verwendungszweck";"Glaeubiger ID";"Mandatsreferenz";"Kundenreferenz (End-to-End)";"Sammlerreferenz";"Lastschrift Ursprungsbetrag";"Auslagenersatz Ruecklastschrift";"Beguenstigter/Zahlungspflichtiger";"Kontonummer/IBAN";"BIC (SWIFT-Code)";"Betrag";"Waehrung";"Info"'
  const row = (bookingDate: string, amount: string, currency = "EUR") =>
    `"DE89370400440532013000";"${bookingDate}";"";"";"x";"";"";"";"";"";"";"A";"";"";"${amount}";"${currency}";"Umsatz gebucht"`
  const fourDataRows = (badRow: string) => [header, row("01.01.25", "1,00"), row("02.01.25", "2,00"), badRow].join("\n")

  it.each<[string, string | Buffer, string, string | null]>([
    ["an empty file", "", "empty file", null],
    ["a header without rows", header, "CSV file has no bookings", null],
    ["an impossible booking date", fourDataRows(row("32.13.2025", "1,00")), 'booking date "32.13.2025" is not a date', "row 4"],
    ["an empty booking date", fourDataRows(row("", "1,00")), "booking date is empty", "row 4"],
    ["a non-numeric amount", fourDataRows(row("03.01.25", "12,3x")), 'amount "12,3x" is not a number', "row 4"],
    ["an empty amount", fourDataRows(row("03.01.25", "")), "amount is empty", "row 4"],
    ["a bad currency", fourDataRows(row("03.01.25", "1,00", "Euro")), 'currency "Euro" is not an ISO 4217 code', "row 4"],
    ["a header that lacks a layout column", "Buchungstag;Betrag\n01.01.25;1,00", 'column "Auftragskonto" is not in the header row', "line 1"],
    ["an unterminated quote", `${header}\n"DE89;"01.01.25`, "CSV cannot be read", "line 2"],
  ])("%s", (_, input, message, location) => {
    const error = errorOf(() => readCsvStatement(input))
    expect(error.message).toContain(message)
    expect(error.location).toBe(location)
  })

  it.each<[string, Partial<CsvLayout>, string]>([
    ["no amount column", { columns: { booking_date: 0 } }, "names no amount column"],
    ["no currency at all", { columns: { booking_date: 0, amount: 1 }, currency: null }, "neither a currency column nor a currency"],
    ["names without a header row", { has_header_row: false }, "but the file has no header row"],
  ])("rejects a layout with %s", (_, change, message) => {
    expect(errorOf(() => readCsvStatement("01.01.25;1,00", { ...DEFAULT_CSV_LAYOUT, ...change })).message).toContain(message)
  })

  it("rejects a row with both a debit and a credit amount", () => {
    const layout: CsvLayout = {
      ...DEFAULT_CSV_LAYOUT,
      has_header_row: false,
      columns: { booking_date: 0, debit_amount: 1, credit_amount: 2 },
      currency: "EUR",
    }
    expect(errorOf(() => readCsvStatement("01.01.25;1,00;2,00", layout)).message).toBe(
      "row 1: both a debit and a credit amount are given"
    )
  })

  it("rejects an unknown direction value", () => {
    const layout: CsvLayout = {
      ...DEFAULT_CSV_LAYOUT,
      has_header_row: false,
      columns: { booking_date: 0, amount: 1, direction: 2 },
      currency: "EUR",
    }
    expect(errorOf(() => readCsvStatement("01.01.25;1,00;X", layout)).message).toBe(
      'row 1: direction "X" is neither a credit nor a debit value'
    )
  })
})
