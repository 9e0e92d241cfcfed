import { readFileSync } from "fs"
import path from "path"
import { readBankStatement, type BankEntry, type BankStatement } from "../../../domain/bank"
import { statementAccountIban, statementAccountLabel, statementRows } from "../statement-rows"

const FIXTURES = path.join(__dirname, "../../../domain/bank/__tests__/fixtures")
const read = (file: string) => readBankStatement(readFileSync(path.join(FIXTURES, file)), file.endsWith(".csv") ? { format: "csv" } : {})

function entry(extra: Partial<BankEntry> = {}, remittance = "Rechnung RE-2026-000001"): BankEntry {
  return {
    entry_reference: null,
    booking_date: "2026-03-02",
    value_date: "2026-03-02",
    amount: "119.00",
    direction: "credit",
    currency: "EUR",
    reversal: false,
    status: "booked",
    bank_transaction_code: null,
    transactions: [
      {
        amount: extra.amount ?? "119.00",
        direction: extra.direction ?? "credit",
        end_to_end_id: null,
        mandate_id: null,
        creditor_id: null,
        account_servicer_reference: null,
        remittance_text: remittance,
        structured_reference: null,
        counterparty_name: "Erika Mustermann",
        counterparty_iban: "DE02 1203 0000 0000 2020 51",
        counterparty_bic: null,
        return_reason: null,
        fee_amount: null,
      },
    ],
    ...extra,
  }
}

function statement(entries: BankEntry[]): BankStatement {
  return {
    format: "camt.053",
    message_id: "MSG",
    statement_id: "STMT",
    account_iban: "DE89370400440532013000",
    account_other_id: null,
    currency: "EUR",
    opening_balance: null,
    closing_balance: null,
    from_date: null,
    to_date: null,
    entries,
  }
}

const keys = (statements: BankStatement[]) => statementRows(statements).rows.flat().map((row) => row.dedupe_key)

describe("statementAccountIban", () => {
  it("takes the IBAN the file names, normalised", () => {
    expect(statementAccountIban({ account_iban: "de89 3704 0044 0532 0130 00", account_other_id: null })).toBe("DE89370400440532013000")
  })

  it("builds the IBAN of a German bank code/account number (MT940 :25:)", () => {
    const [first, second] = read("mt940_sepa_return_cp1252.sta")
    expect(first.account_other_id).toBe("37040044/0532013000")
    expect(statementAccountIban(first)).toBe("DE89370400440532013000")
    expect(statementAccountIban(second)).toBe("DE89370400440532013000")
  })

  it("takes an IBAN given as another identification, and is null for anything else", () => {
    expect(statementAccountIban({ account_iban: null, account_other_id: "DE89370400440532013000" })).toBe("DE89370400440532013000")
    expect(statementAccountIban({ account_iban: null, account_other_id: "0001234567" })).toBeNull()
    expect(statementAccountLabel({ account_iban: null, account_other_id: "0001234567" })).toBe("0001234567")
    expect(statementAccountLabel({ account_iban: null, account_other_id: null })).toBe("(no account in the file)")
  })
})

describe("statementRows", () => {
  it("gives one row per transaction of a batch entry and skips pending entries", () => {
    const [camt] = read("camt053_v08_batch_return_reversal.xml")
    const { rows, skipped } = statementRows([camt])
    expect(skipped).toEqual([1])
    expect(rows[0].map((r) => [r.entry_index, r.transaction_index, r.amount, r.direction, r.kind])).toEqual([
      [0, 0, "10.00", "credit", "payment"],
      [0, 1, "20.50", "credit", "payment"],
      [0, 2, "19.49", "credit", "payment"],
      [1, 0, "53.00", "debit", "return"],
      [2, 0, "10.00", "debit", "return"],
      [3, 0, "119.00", "credit", "payment"],
    ])
    expect(rows[0][3]).toMatchObject({ return_reason: "MD06", fee_amount: "3.00", end_to_end_id: "INV-2024-0042", currency_code: "eur" })
    expect(new Set(rows[0].map((r) => r.dedupe_key)).size).toBe(6)
  })

  it("reads the same file to the same keys (re-import adds nothing)", () => {
    expect(keys(read("camt053_v08_batch_return_reversal.xml"))).toEqual(keys(read("camt053_v08_batch_return_reversal.xml")))
  })

  it("keeps two identical entries without a reference apart by their occurrence, and an overlapping statement gives the same keys", () => {
    const day = [entry(), entry()]
    const first = keys([statement(day)])
    expect(first).toHaveLength(2)
    expect(new Set(first).size).toBe(2)
    // The next statement repeats the day and adds one: the two old keys come again, one is new.
    const overlapping = keys([statement([...day, entry({ booking_date: "2026-03-03" })])])
    expect(overlapping.slice(0, 2)).toEqual(first)
    expect(first).not.toContain(overlapping[2])
  })

  it("counts occurrences across the statements of one file (a day split over two pages)", () => {
    expect(keys([statement([entry()]), statement([entry()])])).toEqual(keys([statement([entry(), entry()])]))
  })

  it("keys by the bank's reference when there is one, so the same reference with another amount is another entry", () => {
    const withRef = (amount: string, text: string) => entry({ entry_reference: "REF-1", amount }, text)
    const [a] = keys([statement([withRef("119.00", "text one")])])
    const [b] = keys([statement([withRef("119.00", "text changed by the bank")])])
    const [c] = keys([statement([withRef("56.56", "text one")])])
    expect(a).toBe(b)
    expect(a).not.toBe(c)
  })

  it("tells payments, returns and other debits apart", () => {
    const rows = statementRows([
      statement([
        entry(),
        entry({ direction: "debit", amount: "850.00" }, "Miete"),
        entry({ direction: "credit", reversal: true }, "Storno Lastschrift"),
        entry({ direction: "debit", reversal: true }, "Storno Gutschrift"),
      ]),
    ]).rows[0]
    expect(rows.map((r) => r.kind)).toEqual(["payment", "other", "other", "return"])
    expect(rows[0].counterparty_iban).toBe("DE02120300000000202051")
  })

  it("skips entries of amount 0", () => {
    expect(statementRows([statement([entry({ amount: "0.00" })])]).skipped).toEqual([1])
  })
})
