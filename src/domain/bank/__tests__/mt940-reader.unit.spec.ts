import * as iconv from "iconv-lite"
import { readMt940Statement } from "../readers"
import type { BankEntry } from "../types"
import {
  balanceGap,
  collapse,
  corpusFiles,
  errorOf,
  isValidBIC,
  isValidIBAN,
  readCorpus,
  readFixture,
  readWolphStatement,
  readWolphTransactions,
  twoDecimals,
  type WolphTransaction,
} from "./corpus-oracles"

// The Sparkassen sample has no balance, so no currency; every other file names its own.
const OPTIONS = { currency: "EUR" }

describe("readMt940Statement: every MT940 file in the shared corpus", () => {
  it.each(corpusFiles("mt940", /\.sta$/))("%s reads", (file) => {
    const statements = readMt940Statement(readCorpus("mt940", file), OPTIONS)
    expect(statements.length).toBeGreaterThan(0)
    expect(statements.flatMap((statement) => statement.entries).length).toBeGreaterThan(0)
  })
})

/**
 * Where this reader deliberately differs from wolph/mt940, per file and transaction index. Everything else
 * must equal wolph's parse.
 */
const DEVIATIONS: Record<string, Record<number, Partial<Record<"remittance_text" | "counterparty_iban", string>>>> = {
  "wolph_cmxl_mt940.sta": {
    // ?38 carries the counterparty IBAN; wolph only reads the account number in ?31.
    13: { counterparty_iban: "PL08106000760000777777777777" },
    14: { counterparty_iban: "PL08106000760000777777777777" },
  },
  "wolph_jejik_ing.sta": {
    // wolph appends the statement-level :86: that follows :62F: (and the "-XXX" trailer) to the last
    // transaction; here it belongs to no transaction.
    6: { remittance_text: "0111111111 Hr S Marechal ROSMALEN Hr S Marechal ROSMALEN Betaling transactiedatum: 22-07-2010" },
  },
}

function expectedIban(raw: string | null): string | null {
  return raw && isValidIBAN(raw.trim()) ? raw.trim() : null
}

describe.each(corpusFiles("mt940", /\.expected\.yml$/).map((file) => file.replace(".expected.yml", ".sta")))(
  "readMt940Statement against wolph/mt940's expected parse of %s",
  (file) => {
    const statements = readMt940Statement(readCorpus("mt940", file), OPTIONS)
    const entries = statements.flatMap((statement) => statement.entries.map((entry) => ({ statement, entry })))
    const expected = readWolphTransactions(file.replace(".sta", ".expected.yml"))

    it("has as many entries as wolph has transactions", () => {
      expect(expected.length).toBeGreaterThan(0)
      expect(entries).toHaveLength(expected.length)
    })

    it.each(expected.map((transaction, index) => [index, transaction]))(
      "transaction %i",
      (index, transaction: WolphTransaction) => {
        const { statement, entry } = entries[index]
        const deviation = DEVIATIONS[file]?.[index] ?? {}
        const amount = twoDecimals(transaction.amount ?? "")
        expect(entry.amount).toBe(amount.amount)
        expect(entry.direction).toBe(amount.negative ? "debit" : "credit")
        expect(entry.direction).toBe(transaction.status?.endsWith("D") ? "debit" : "credit")
        expect(entry.reversal).toBe(transaction.status?.startsWith("R") ?? false)
        expect(entry.value_date).toBe(transaction.date)
        expect(entry.booking_date).toBe(transaction.entry_date ?? transaction.date)
        expect(entry.bank_transaction_code).toBe(transaction.transaction_code ?? transaction.id)
        const bankReference = transaction.bank_reference
        expect(entry.entry_reference).toBe(bankReference && bankReference !== "NONREF" ? bankReference : null)
        expect(statement.message_id).toBe(transaction.transaction_reference)

        const [booked] = entry.transactions
        expect(entry.transactions).toHaveLength(1)
        expect(booked.amount).toBe(entry.amount)
        expect(booked.remittance_text).toBe(
          deviation.remittance_text ?? collapse(transaction.purpose ?? transaction.transaction_details)
        )
        expect(booked.counterparty_name).toBe(transaction.applicant_name ? collapse(transaction.applicant_name) : null)
        expect(booked.counterparty_iban).toBe(deviation.counterparty_iban ?? expectedIban(transaction.applicant_iban))
        expect(booked.counterparty_bic).toBe(
          transaction.applicant_bin && isValidBIC(transaction.applicant_bin) ? transaction.applicant_bin : null
        )
        expect(booked.end_to_end_id).toBe(transaction.end_to_end_reference ? collapse(transaction.end_to_end_reference) : null)
        expect(booked.mandate_id).toBe(
          transaction.additional_position_reference ? collapse(transaction.additional_position_reference) : null
        )
        expect(booked.creditor_id).toBe(transaction.applicant_creditor_id ? collapse(transaction.applicant_creditor_id) : null)
      }
    )

    it("has the last statement's header and balances", () => {
      const wolph = readWolphStatement(file.replace(".sta", ".expected.yml"))
      const last = statements[statements.length - 1]
      if (wolph.transaction_reference === null) {
        // wolph kept no statement data (the Sparkassen sample has no :20: and no balances).
        expect(last).toMatchObject({ message_id: null, statement_id: null, opening_balance: null, closing_balance: null })
        return
      }
      expect(last.message_id).toBe(wolph.transaction_reference)
      expect(last.account_other_id ?? last.account_iban).toBe(wolph.account_identification)
      expect(last.statement_id?.startsWith(wolph.statement_number ?? "")).toBe(true)
      for (const [balance, ours] of [
        [wolph.opening, last.opening_balance],
        [wolph.closing, last.closing_balance],
      ] as const) {
        if (balance) {
          const value = twoDecimals(balance.amount)
          expect(ours).toBe(balance.status === "D" ? `-${value.amount}` : value.amount)
          expect(last.currency).toBe(balance.currency)
        } else {
          expect(ours).toBeNull()
        }
      }
      expect(last.from_date).toBe(wolph.opening?.date ?? null)
      expect(last.to_date).toBe(wolph.closing?.date ?? null)
    })
  }
)

describe("readMt940Statement: betterplace SEPA file (26 statements, no expected parse — values read by hand)", () => {
  const statements = readMt940Statement(readCorpus("mt940", "wolph_betterplace_sepa_mt9401.sta"))
  const entries = statements.flatMap((statement) => statement.entries)

  it("has 26 statements with 97 entries, and every statement balances", () => {
    expect(statements).toHaveLength(26)
    expect(entries).toHaveLength(97)
    expect(statements.map(balanceGap)).toEqual(statements.map(() => "0.00"))
  })

  it("reads the first statement's header (BLZ/account as other id, debit balances)", () => {
    expect(statements[0]).toMatchObject({
      format: "mt940",
      message_id: "T089413946000001",
      statement_id: "00004/00001",
      account_iban: null,
      account_other_id: "50880050/0194774600888",
      currency: "EUR",
      opening_balance: "-1234718.36",
      closing_balance: "-1237628.23",
      from_date: "2007-09-03",
      to_date: "2007-09-04",
    })
  })

  it("reads a returned credit transfer (GVC 159) with DK return code 903 as AC06", () => {
    const returned = statements[0].entries[4]
    expect(returned).toMatchObject({
      amount: "915311.55",
      direction: "credit",
      bank_transaction_code: "159",
      entry_reference: "R724710351061495",
    })
    expect(returned.transactions[0]).toMatchObject({
      return_reason: "AC06",
      end_to_end_id: "TFNR 44003 00002MTLG:Konto gesperrt Rueckueberweisung aus SEPA-Ueberweisungsauftrag",
    })
    // 914 ("Grund nicht spezifiziert") has no unambiguous ISO code: left empty rather than guessed.
    expect(statements[0].entries[0].transactions[0].return_reason).toBeNull()
  })

  it("reads RC (reversal of a credit) as a reversed debit and DR as a debit with funds code R", () => {
    expect(statements[0].entries[5]).toMatchObject({ amount: "204.88", direction: "debit", reversal: true })
    expect(statements[0].entries[6]).toMatchObject({ amount: "999946.95", direction: "debit", reversal: false })
  })

  it("joins purpose subfields cut mid-word and reads the counterparty from ?30–?33", () => {
    const [credit] = statements[1].entries[0].transactions
    expect(credit).toMatchObject({
      amount: "15000.05",
      end_to_end_id: "EndToEndIdTFNR2000400001",
      counterparty_name: "Richter Renate 70 Zeichen Beginn Fuellzeichen xxxxxxxx",
      counterparty_iban: "DE42100100100043921105",
      counterparty_bic: "PBNKDEFF100",
    })
    expect(credit.remittance_text.startsWith("TO 13 TFNr 20004 Eingangskanal Mint")).toBe(true)
    expect(credit.remittance_text.endsWith("MTLG:SEPA-Ueberweisungseingang Auftraggeber: Richter Renat")).toBe(true)
  })

  it("keeps a non-IBAN foreign account out of counterparty_iban but reads a Swiss IBAN", () => {
    expect(statements[2].entries[2].transactions[0]).toMatchObject({
      counterparty_iban: "CH6500279279C31180700",
      counterparty_bic: "UBSWCHZH80A",
      remittance_text: "TO13 TF20008 MINTMTLG:Ggf.Meldevorschriften beachten",
    })
  })

  it("uses :62M:/:60M: intermediate balances of multi-part statements", () => {
    const parts = statements.filter((statement) => statement.statement_id === "00004/00002")
    expect(parts.length).toBe(5)
    expect(parts[0].opening_balance).toBe("-30503.83")
  })
})

describe("readMt940Statement: own fixture (SWIFT envelope, cp1252 umlauts, SEPA return, year wrap)", () => {
  const statements = readMt940Statement(readFixture("mt940_sepa_return_cp1252.sta"))

  it("reads two statements from the {1:}{2:}{4: … -} envelope", () => {
    expect(statements.map((statement) => [statement.statement_id, statement.account_iban, statement.account_other_id])).toEqual([
      ["00015/001", null, "37040044/0532013000"],
      ["00001/001", "DE89370400440532013000", null],
    ])
    expect(statements.map(balanceGap)).toEqual(["0.00", "0.00"])
  })

  it("reads the returned direct debit (GVC 109, ?34 912 → MD06, fee from OAMT+)", () => {
    const returned: BankEntry = statements[0].entries[0]
    expect(returned).toMatchObject({
      entry_reference: "RET20250115001",
      booking_date: "2025-01-15",
      amount: "53.00",
      direction: "debit",
      reversal: false,
      bank_transaction_code: "109",
    })
    expect(returned.transactions).toEqual([
      {
        amount: "53.00",
        direction: "debit",
        end_to_end_id: "INV-2024-0042",
        mandate_id: "MNDT-0042",
        creditor_id: "DE98ZZZ09999999999",
        account_servicer_reference: "RET20250115001",
        remittance_text: "Rücklastschrift Rechnung INV-2024-0042 Widerspruch",
        structured_reference: null,
        counterparty_name: "Dieter Krüger",
        counterparty_iban: "DE75512108001245126199",
        counterparty_bic: "SOLADEST600",
        return_reason: "MD06",
        fee_amount: "3.00",
      },
    ])
  })

  it("decodes Windows-1252 umlauts and joins ?32/?33 and purpose lines cut mid-word", () => {
    expect(statements[0].entries[1].transactions[0]).toMatchObject({
      end_to_end_id: "RE-2025-0007",
      remittance_text: "Rechnung RE-2025-0007 Gebühr für Jänner",
      counterparty_name: "Bernd Müller & Söhne",
    })
  })

  it("reads RC as a reversed debit", () => {
    expect(statements[0].entries[2]).toMatchObject({ amount: "10.00", direction: "debit", reversal: true })
    expect(statements[0].entries[2].transactions[0].remittance_text).toBe("Storno Gutschrift vom 14.01.2025")
  })

  it("puts an entry date in January after a December value date into the next year", () => {
    const entry = statements[1].entries[0]
    expect(entry).toMatchObject({ value_date: "2025-12-31", booking_date: "2026-01-02" })
    expect(entry.transactions[0]).toMatchObject({
      end_to_end_id: null,
      remittance_text: "Abo Dezember Straße 7",
      counterparty_name: "Jürgen Weiß",
    })
  })

  it("reads the same text given as a string", () => {
    const text = iconv.decode(readFixture("mt940_sepa_return_cp1252.sta"), "windows-1252")
    expect(readMt940Statement(text)).toEqual(statements)
  })
})

describe("readMt940Statement: :61: variants", () => {
  const statement = (line61: string, line86 = ":86:166?20SVWZ+x") =>
    readMt940Statement(`:20:REF\n:25:DE89370400440532013000\n:28C:1/1\n:60F:C250101EUR0,00\n${line61}\n${line86}\n-`, OPTIONS)[0]
      .entries[0]

  it.each([
    [":61:2501020102C5,NTRFNONREF", { amount: "5.00", direction: "credit", reversal: false, booking_date: "2025-01-02" }],
    [":61:250102D1234,5NMSCNONREF//B1", { amount: "1234.50", direction: "debit", entry_reference: "B1" }],
    [":61:2501020102RD7,00NTRF", { amount: "7.00", direction: "credit", reversal: true }],
    [":61:2501020102RCR7,00NTRF", { amount: "7.00", direction: "debit", reversal: true }],
    [":61:2501020102CR7,00NTRF", { amount: "7.00", direction: "credit", reversal: false }],
    [":61:2501011231D1,00NTRF", { value_date: "2025-01-01", booking_date: "2024-12-31" }],
    [":61:2502280301C1,00NTRF", { value_date: "2025-02-28", booking_date: "2025-03-01" }],
  ])("%s", (line, expected) => {
    expect(statement(line)).toMatchObject(expected)
  })

  it("takes unstructured :86: text as remittance and the :61: type as code", () => {
    const entry = statement(":61:250102C5,00NTRFNONREF", ":86:Payment for order 42\nthank you")
    expect(entry.bank_transaction_code).toBe("NTRF")
    expect(entry.transactions[0].remittance_text).toBe("Payment for order 42 thank you")
  })

  it("finds an ISO return reason in the purpose of a return (GVC 109 without ?34)", () => {
    const entry = statement(":61:250102D5,00NRTINONREF", ":86:109?00RUECKLASTSCHRIFT?20EREF+E1?21SVWZ+RTRN AC04 Konto erlosch?22en")
    expect(entry.transactions[0]).toMatchObject({ return_reason: "AC04", end_to_end_id: "E1" })
  })

  it("does not read reason-like words out of an ordinary payment", () => {
    const entry = statement(":61:250102C5,00NTRFNONREF", ":86:166?20SVWZ+Rechnung AC04 Modell")
    expect(entry.transactions[0].return_reason).toBeNull()
  })
})

describe("readMt940Statement: rejects what it cannot read, naming what and where", () => {
  const header = ":20:REF\n:25:12345678/123\n:28C:1\n:60F:C250101EUR0,00\n"

  it.each<[string, string | Buffer, string, string | null]>([
    ["an empty file", "", "empty file", null],
    ["random bytes", Buffer.from([0x00, 0xff, 0x13, 0x37, 0x42, 0x0a, 0x99]), "no MT940 statement found", null],
    ["HTML", "<html><body>Sitzung abgelaufen</body></html>", "no MT940 statement found", null],
    ["an unreadable :61:", `${header}:61:2501XXC5,00NTRF\n:62F:C250101EUR5,00\n-`, ':61: cannot be read ("2501XXC5,00NTRF")', "line 5"],
    ["an impossible value date", `${header}:61:251301C5,00NTRF\n:62F:C250101EUR5,00\n-`, ':61: value date "251301" is not a date', "line 5"],
    ["an amount with two commas", `${header}\n:61:250101C5,0,0NTRF\n-`, 'amount "5,0,0" is not a number', "line 6"],
    ["an unreadable balance", ":20:REF\n:60F:C250101EURxx\n-", ':60F: balance "C250101EURxx" cannot be read', "line 2"],
    ["a statement with neither entries nor balances", ":20:REF\n:25:12345678/123\n:28C:1\n-", "statement 1 has neither :61: entries nor :60:/:62: balances", "line 1"],
    ["entries without a currency", ":20:REF\n:61:250101C5,00NTRF\n-", "has no :60:/:62: balance to name its currency", "line 1"],
  ])("%s", (_, input, message, location) => {
    const error = errorOf(() => readMt940Statement(input))
    expect(error.message).toContain(message)
    expect(error.location).toBe(location)
  })

  it("never returns part of a file: a bad :61: in the second statement fails the whole file", () => {
    const file = `${header}:61:250101C5,00NTRF\n:62F:C250101EUR5,00\n-\n${header}:61:25010XC5,00NTRF\n-`
    expect(errorOf(() => readMt940Statement(file)).location).toBe("line 12")
  })
})
