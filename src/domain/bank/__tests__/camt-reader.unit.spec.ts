import { readFileSync } from "fs"
import path from "path"
import { readCamtStatement } from "../readers"
import type { BankStatement, BankTransaction } from "../types"
import {
  balanceGap,
  collapse,
  CORPORA,
  corpusFiles,
  errorOf,
  type GenkgoDetail,
  type GenkgoEntry,
  readCorpus,
  readFixture,
  readGenkgoExpectation,
} from "./corpus-oracles"

describe("readCamtStatement: every camt file in the shared corpus", () => {
  it.each(corpusFiles("camt", /\.xml$/))("%s reads", (file) => {
    const statements = readCamtStatement(readCorpus("camt", file))
    expect(statements.length).toBeGreaterThan(0)
    for (const statement of statements) {
      expect(statement.format).toBe(file.includes("054") ? "camt.054" : "camt.053")
      expect(statement.entries.length).toBeGreaterThan(0)
    }
  })
})

/**
 * genkgo/camt's expected parse. Differences by design, asserted below rather than ignored:
 * - a transaction amount in another currency than its entry (the files' TxDtls/Amt Ccy="SEK" 0 on an EUR
 *   entry) is replaced by the entry amount when the entry has one transaction;
 * - transactions take the entry's credit/debit indicator (genkgo does the same);
 * - the counterparty is the debtor of a credit and the creditor of a debit, unless that side is missing or
 *   is the statement's own account.
 */
describe.each(corpusFiles("camt", /\.expected\.json$/).map((file) => file.replace(".expected.json", ".xml")))(
  "readCamtStatement against genkgo's expected parse of %s",
  (file) => {
    const expected = readGenkgoExpectation(file.replace(".xml", ".expected.json"))
    const statements = readCamtStatement(readCorpus("camt", file))
    const statementOf = (id: string) => {
      const statement = statements.find((candidate) => candidate.statement_id === id)
      if (!statement) {
        throw new Error(`no statement ${id}`)
      }
      return statement
    }

    it("has the message id", () => {
      expect(statements.map((statement) => statement.message_id)).toEqual(statements.map(() => expected.message_id))
    })

    it.each(expected.records.map((record) => [record.id, record]))("statement %s: account, balances, period", (_, record) => {
      const statement = statementOf(record.id)
      expect(statement.account_iban ?? statement.account_other_id).toBe(record.account)
      expect(statement.opening_balance).toBe(record.opening)
      expect(statement.closing_balance).toBe(record.closing)
      if (record.from_date) {
        expect(statement.from_date).toBe(record.from_date)
        expect(statement.to_date).toBe(record.to_date)
      }
    })

    it.each(expected.entries.map((entry) => [`${entry.statement_id}#${entry.index}`, entry]))(
      "entry %s",
      (_, expectedEntry: GenkgoEntry) => {
        const statement = statementOf(expectedEntry.statement_id)
        const entry = statement.entries[expectedEntry.index]
        expect(entry.amount).toBe(expectedEntry.amount.amount)
        expect(entry.currency).toBe(expectedEntry.amount.currency)
        expect(entry.direction).toBe(expectedEntry.indicator === "CRDT" ? "credit" : "debit")
        expect(entry.direction === "debit").toBe(expectedEntry.amount.negative)
        expect(entry.booking_date).toBe(expectedEntry.booking_date)
        expect(entry.value_date).toBe(expectedEntry.value_date)
        expect(entry.entry_reference).toBe(expectedEntry.reference ?? expectedEntry.account_servicer_reference)
        expect(entry.reversal).toBe(expectedEntry.reversal)
        expect(entry.status).toBe({ BOOK: "booked", PDNG: "pending", INFO: "info" }[expectedEntry.status])
        expect(entry.bank_transaction_code).toBe(expectedEntry.bank_transaction_code)
        expect(entry.transactions).toHaveLength(expectedEntry.details.length)
        expectedEntry.details.forEach((detail, index) =>
          expectTransaction(entry.transactions[index], detail, expectedEntry, statement)
        )
      }
    )
  }
)

function expectTransaction(
  transaction: BankTransaction,
  detail: GenkgoDetail,
  entry: GenkgoEntry,
  statement: BankStatement
): void {
  const sameCurrency = detail.amount && detail.amount.currency === entry.amount.currency
  const single = entry.details.length === 1
  expect(transaction.amount).toBe(sameCurrency || !single ? (detail.amount?.amount ?? entry.amount.amount) : entry.amount.amount)
  expect(transaction.direction).toBe(entry.indicator === "CRDT" ? "credit" : "debit")
  expect(transaction.end_to_end_id).toBe(detail.end_to_end_id)
  expect(transaction.mandate_id).toBe(detail.mandate_id)
  expect(transaction.account_servicer_reference).toBe(
    detail.account_servicer_reference ?? (single ? entry.account_servicer_reference : null)
  )
  const remittance = collapse([...detail.unstructured, ...detail.additional_remittance].join(" "))
  expect(transaction.remittance_text).toBe(remittance || collapse(detail.additional_transaction_info))
  expect(transaction.structured_reference).toBe(detail.structured_reference)

  const own = statement.account_iban ?? statement.account_other_id
  const preferred = entry.indicator === "CRDT" ? "Debtor" : "Creditor"
  const candidates = [
    ...detail.parties.filter((party) => party.role === preferred),
    ...detail.parties.filter((party) => party.role !== preferred),
  ].filter((party) => party.iban !== own)
  expect(transaction.counterparty_name).toBe(candidates[0]?.name ?? null)
  expect(transaction.counterparty_iban).toBe(candidates[0]?.iban ?? null)
  if (transaction.counterparty_bic !== null) {
    expect(detail.bics).toContain(transaction.counterparty_bic)
  }
}

describe("readCamtStatement: viafintech camt.053.001.02 (German DK style, fails the XSD on element order)", () => {
  const [statement] = readCamtStatement(readCorpus("camt", "viafintech_camt.053.001.02_valid_example.xml"))

  it("reads the statement header and balances (PRCD as opening)", () => {
    expect(statement).toMatchObject({
      format: "camt.053",
      message_id: "053D2013-12-27T22:05:03.0N130000005",
      statement_id: "0352C5320131227220503",
      account_iban: "DE14740618130000033626",
      account_other_id: null,
      currency: "EUR",
      opening_balance: "33.06",
      closing_balance: "23.06",
      from_date: "2013-12-27",
      to_date: "2013-12-27",
    })
    expect(statement.entries.map((entry) => `${entry.direction} ${entry.amount}`)).toEqual([
      "debit 2.00",
      "debit 3.00",
      "credit 1.00",
      "debit 6.00",
    ])
  })

  it("reads references, mandate, creditor id and the counterparty of a debit", () => {
    const entry = statement.entries[0]
    expect(entry.entry_reference).toBe("1234567890sdfghjk")
    // Entry BkTxCd is empty: the transaction's proprietary DK code stands in.
    expect(entry.bank_transaction_code).toBe("NTRF+020")
    expect(entry.transactions).toEqual([
      {
        amount: "2.00",
        direction: "debit",
        end_to_end_id: "EndToEndReference",
        mandate_id: "MandateReference",
        creditor_id: "CreditorIdentifier",
        account_servicer_reference: "BankReference",
        remittance_text: "TEST BERWEISUNG MITTELS BLZUND KONTONUMMER - DTA",
        structured_reference: null,
        counterparty_name: "Testkonto Nummer 2",
        counterparty_iban: "DE09300606010012345671",
        counterparty_bic: "DAAEDEDDXXX",
        return_reason: null,
        fee_amount: null,
      },
    ])
  })

  it("treats NOTPROVIDED as no end-to-end id and falls back to the entry's AcctSvcrRef", () => {
    const [transaction] = statement.entries[1].transactions
    expect(transaction.end_to_end_id).toBeNull()
    expect(statement.entries[1].entry_reference).toBe("2013122710583600000")
    expect(transaction.account_servicer_reference).toBe("2013122710583600000")
    expect(transaction.counterparty_iban).toBe("DE58740618130100033626")
  })

  it("keeps the name but no IBAN when the counterparty account is a BBAN (Othr/Id)", () => {
    const [transaction] = statement.entries[2].transactions
    expect(transaction.counterparty_name).toBe("Testkonto Nummer 2")
    expect(transaction.counterparty_iban).toBeNull()
    expect(transaction.remittance_text).toBe("R CKBUCHUNG")
  })

  it("splits a batch debit into its two transactions and skips our own account as counterparty", () => {
    const batch = statement.entries[3]
    expect(batch.transactions.map((transaction) => transaction.amount)).toEqual(["3.50", "2.50"])
    expect(batch.transactions.map((transaction) => transaction.end_to_end_id)).toEqual([
      "STZV-EtE27122013-11:02-1",
      "STZV-EtE27122013-11:02-2",
    ])
    expect(batch.transactions.map((transaction) => transaction.remittance_text)).toEqual([
      "Sammelueberwseisung 2. Zahlung TAN:283044",
      "Sammelueberweisung 1. Zahlung TAN:283044",
    ])
    // Cdtr is DE14…626, the statement's own account; the debtor is the other party.
    expect(batch.transactions.map((transaction) => transaction.counterparty_iban)).toEqual([
      "DE58740618130100033626",
      "DE58740618130100033626",
    ])
  })

  it("balances: opening + entries = closing", () => {
    expect(balanceGap(statement)).toBe("0.00")
  })
})

describe("readCamtStatement: viafintech camt.053.001.08 (UETR, foreign currency entry)", () => {
  const [statement] = readCamtStatement(readCorpus("camt", "viafintech_camt.053.001.08_valid_example_v8.xml"))

  it("reports an account IBAN that fails its checksum as another id, not as IBAN", () => {
    expect(statement.account_iban).toBeNull()
    expect(statement.account_other_id).toBe("CH1111111111111111111")
    expect(statement.currency).toBe("CHF")
    expect(statement.opening_balance).toBe("82721.95")
    expect(statement.closing_balance).toBe("84515.25")
  })

  it.each([
    [0, "474.40", "CHF", "credit", "PMNT/RCDT/AUTT", "80000004540000100095", "INVOICE R77561", null, "Jon Doe"],
    [1, "88.85", "CHF", "credit", "PMNT/RCDT/VCOM", "435A9287E088BDB1D97FAABD181C70C8", "Credit Creditor Reference", "RF38000000000000000000552", "Finanz AG"],
    [2, "20.97", "EUR", "debit", "PMNT/ICDT/AUTT", "1208481", "e-banking Order // FILETRANSFER", "000000270148751802165444888", "DHL Express (Schweiz) AG"],
  ])("entry %i: %s %s %s", (index, amount, currency, direction, code, endToEnd, text, reference, name) => {
    const entry = statement.entries[index]
    expect(entry).toMatchObject({ amount, currency, direction, bank_transaction_code: code })
    expect(entry.transactions[0]).toMatchObject({
      amount,
      end_to_end_id: endToEnd,
      remittance_text: text,
      structured_reference: reference,
      counterparty_name: name,
    })
  })

  it("uses NtryRef before AcctSvcrRef as entry reference", () => {
    expect(statement.entries[0].entry_reference).toBe("9999171ZC0173078")
    expect(statement.entries[1].entry_reference).toBe("CH700033323323241701E")
  })
})

describe("readCamtStatement: viafintech camt.054.001.04 (direct debit credits and returns)", () => {
  const [notification] = readCamtStatement(readCorpus("camt", "viafintech_camt.054.001.04_valid_example.xml"))

  it("has no balances and takes the currency from the entries", () => {
    expect(notification).toMatchObject({
      format: "camt.054",
      message_id: "20160410375204000131033",
      statement_id: "20160410375204000131032",
      account_iban: "CH0309000000250090342",
      currency: "CHF",
      opening_balance: null,
      closing_balance: null,
    })
  })

  it("splits the batch credit into its direct debits", () => {
    expect(notification.entries[0].transactions.map((t) => [t.amount, t.counterparty_name, t.remittance_text])).toEqual([
      ["15.00", "Rutschmann Pia", "Mitteilung 132"],
      ["9.00", "Bernasconi Maria", "Mitteilung 131"],
    ])
  })

  it.each([
    [2, "6.00", "EndToEnd-2B6C-CHDDBB5", "Bernasconi Maria", "CH3709000000250094580", "POFICHBEXXX"],
    [3, "15.53", "E2E-1-1-16030913", "Rutschmann Pia", "CH4409000000495962779", null],
  ])("returned direct debit %i: reason MD06, fee 0.70, debtor as counterparty", (index, amount, endToEnd, name, iban, bic) => {
    const entry = notification.entries[index]
    expect(entry).toMatchObject({ amount, direction: "debit", reversal: true, status: "booked" })
    expect(entry.transactions[0]).toMatchObject({
      amount,
      end_to_end_id: endToEnd,
      return_reason: "MD06",
      fee_amount: "0.70",
      counterparty_name: name,
      counterparty_iban: iban,
      counterparty_bic: bic,
    })
  })
})

describe("readCamtStatement: own fixture camt.053.001.08 with batch, return, reversal and pending entry", () => {
  const statements = readCamtStatement(readFixture("camt053_v08_batch_return_reversal.xml"))
  const [statement] = statements

  it("reads the statement (IBAN with spaces normalised, PRCD as opening balance)", () => {
    expect(statements).toHaveLength(1)
    expect(statement).toMatchObject({
      format: "camt.053",
      message_id: "MSG-2025-01-15-001",
      statement_id: "STMT-2025-001",
      account_iban: "DE89370400440532013000",
      account_other_id: null,
      currency: "EUR",
      opening_balance: "1000.00",
      closing_balance: "1105.99",
      from_date: "2025-01-15",
      to_date: "2025-01-15",
    })
    expect(statement.entries).toHaveLength(5)
    expect(balanceGap(statement)).toBe("0.00")
  })

  it("splits the batch entry into three transactions that add up to the entry", () => {
    const batch = statement.entries[0]
    expect(batch).toMatchObject({ amount: "49.99", direction: "credit", bank_transaction_code: "PMNT/RDDT/ESDD" })
    expect(batch.transactions).toEqual([
      {
        amount: "10.00",
        direction: "credit",
        end_to_end_id: "INV-2025-0001",
        mandate_id: "MNDT-0001",
        creditor_id: "DE98ZZZ09999999999",
        account_servicer_reference: null,
        remittance_text: "Rechnung INV-2025-0001 Abo Januar",
        structured_reference: null,
        counterparty_name: "Anna Schmidt",
        counterparty_iban: "DE02120300000000202051",
        counterparty_bic: "BYLADEM1001",
        return_reason: null,
        fee_amount: null,
      },
      expect.objectContaining({ amount: "20.50", end_to_end_id: "INV-2025-0002", counterparty_name: "Bernd Müller", counterparty_bic: "INGDDEFFXXX" }),
      expect.objectContaining({ amount: "19.49", end_to_end_id: "INV-2025-0003", counterparty_name: "Clara Weiß", creditor_id: null }),
    ])
  })

  it("reads the returned direct debit: reason, fee, debtor as counterparty, NtryRef out of XSD order", () => {
    const returned = statement.entries[1]
    expect(returned).toMatchObject({
      entry_reference: "RET-ENTRY-0042",
      amount: "53.00",
      direction: "debit",
      reversal: false,
      bank_transaction_code: "PMNT/RDDT/UPDD",
    })
    expect(returned.transactions).toEqual([
      {
        amount: "53.00",
        direction: "debit",
        end_to_end_id: "INV-2024-0042",
        mandate_id: "MNDT-0042",
        creditor_id: "DE98ZZZ09999999999",
        account_servicer_reference: "RET-0042",
        remittance_text: "Rechnung INV-2024-0042",
        structured_reference: null,
        counterparty_name: "Dieter Krüger",
        counterparty_iban: "DE75512108001245126199",
        counterparty_bic: "SOLADEST600",
        return_reason: "MD06",
        fee_amount: "3.00",
      },
    ])
  })

  it("marks the reversal and drops NOTPROVIDED", () => {
    const reversal = statement.entries[2]
    expect(reversal).toMatchObject({ reversal: true, direction: "debit", amount: "10.00", value_date: "2025-01-14" })
    expect(reversal.transactions[0]).toMatchObject({
      end_to_end_id: null,
      counterparty_name: "Eva Fischer",
      remittance_text: "Storno Gutschrift vom 14.01.2025",
    })
  })

  it("joins several Ustrd lines with one space and keeps the structured reference", () => {
    const transfer = statement.entries[3]
    expect(transfer.booking_date).toBe("2025-01-15")
    expect(transfer.transactions[0]).toMatchObject({
      amount: "119.00",
      remittance_text: "Rechnung RE-2025-0007 Kunden- nr. 4711",
      structured_reference: "RF18539007547034",
      counterparty_name: "Fritz Schulz & Co. KG",
      counterparty_bic: "MARKDEF1100",
    })
  })

  it("reads a pending entry without details from entry-level data", () => {
    const pending = statement.entries[4]
    expect(pending).toMatchObject({ status: "pending", booking_date: "2025-01-16", entry_reference: null })
    expect(pending.transactions).toEqual([
      expect.objectContaining({ amount: "25.00", direction: "credit", remittance_text: "SEPA-Gutschrift vorgemerkt" }),
    ])
  })
})

describe("readCamtStatement: rejects what it cannot read, naming what and where", () => {
  const fixture = readFixture("camt053_v08_batch_return_reversal.xml").toString("utf8")

  it.each<[string, string | Buffer, string, string | null]>([
    ["an empty file", "", "empty file", null],
    ["HTML", "<!DOCTYPE html><html><body><p>Login</p></body></html>", "not a camt.053/camt.054 document (root element html)", null],
    ["random bytes", Buffer.from([0x00, 0xff, 0x13, 0x37, 0x42]), "not a camt.053/camt.054 document", null],
    [
      "a pain.008 file",
      readFileSync(path.join(CORPORA, "pain/python-sepaxml_pain.008.001.08_expected.xml")),
      "not a camt.053/camt.054 document (root element Document/CstmrDrctDbtInitn, namespace urn:iso:std:iso:20022:tech:xsd:pain.008.001.08)",
      null,
    ],
    ["broken XML", fixture.replace("</GrpHdr>", ""), "not well-formed XML", "line"],
    ["a non-numeric amount", fixture.replace('<Amt Ccy="EUR">53.00</Amt>', '<Amt Ccy="EUR">12,3x</Amt>'), 'amount "12,3x" is not a number', "Stmt[1]/Ntry[2]/Amt"],
    ["a missing amount", fixture.replace('<Amt Ccy="EUR">119.00</Amt>', ""), "amount is missing", "Stmt[1]/Ntry[4]/Amt"],
    ["a negative amount", fixture.replace('<Amt Ccy="EUR">119.00</Amt>', '<Amt Ccy="EUR">-119.00</Amt>'), "must not be negative", "Stmt[1]/Ntry[4]/Amt"],
    ["three decimals", fixture.replace('<Amt Ccy="EUR">119.00</Amt>', '<Amt Ccy="EUR">119.005</Amt>'), "has more than 2 decimals", "Stmt[1]/Ntry[4]/Amt"],
    ["a bad indicator", fixture.replace("<CdtDbtInd>DBIT</CdtDbtInd>\n        <RvslInd>true", "<CdtDbtInd>DEBIT</CdtDbtInd>\n        <RvslInd>true"), 'credit/debit indicator "DEBIT" is neither CRDT nor DBIT', "Stmt[1]/Ntry[3]/CdtDbtInd"],
    ["an impossible date", fixture.replace("<Dt>2025-01-16</Dt>", "<Dt>2025-02-30</Dt>"), 'date "2025-02-30" is not a date', "Stmt[1]/Ntry[5]/ValDt"],
    ["an unknown status", fixture.replace("<Cd>PDNG</Cd>", "<Cd>WAIT</Cd>"), 'status "WAIT"', "Stmt[1]/Ntry[5]/Sts"],
    ["a batch transaction without amount", fixture.replace("<AmtDtls>\n              <TxAmt>\n                <Amt Ccy=\"EUR\">20.50</Amt>\n              </TxAmt>\n            </AmtDtls>", ""), "transaction of a batch entry has no amount", "Stmt[1]/Ntry[1]/NtryDtls/TxDtls[2]"],
    ["a DOCTYPE (entity expansion)", fixture.replace("<Document", '<!DOCTYPE Document [<!ENTITY a "aaaa">]>\n<Document'), "must not contain a DOCTYPE", null],
    ["a camt.052 report", '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.08"><BkToCstmrAcctRpt/></Document>', "camt.052 account reports are not supported", null],
  ])("%s", (_, input, message, location) => {
    const error = errorOf(() => readCamtStatement(input))
    expect(error.message).toContain(message)
    if (location === null) {
      expect(error.location).toBeNull()
    } else {
      expect(error.location).toContain(location)
      expect(error.message.startsWith(error.location ?? "")).toBe(true)
    }
  })

  it("rejects a statement with neither entries nor balances", () => {
    const empty = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
      <GrpHdr><MsgId>M1</MsgId></GrpHdr>
      <Stmt><Id>S1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct></Stmt>
    </BkToCstmrStmt></Document>`
    const error = errorOf(() => readCamtStatement(empty))
    expect(error.message).toBe("Stmt[1]: statement has neither entries nor opening/closing balances")
  })

  it("accepts a statement with balances and no entries (a day without bookings)", () => {
    const quiet = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
      <GrpHdr><MsgId>M1</MsgId></GrpHdr>
      <Stmt><Id>S1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
        <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">5.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Dt><Dt>2025-01-01</Dt></Dt></Bal>
        <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">5.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Dt><Dt>2025-01-01</Dt></Dt></Bal>
      </Stmt>
    </BkToCstmrStmt></Document>`
    const [statement] = readCamtStatement(quiet)
    expect(statement).toMatchObject({ opening_balance: "-5.00", closing_balance: "-5.00", entries: [] })
  })

  it("never returns part of a file: a bad entry in the second statement fails the whole file", () => {
    const twoStatements = readCorpus("camt", "genkgo_camt053.v2.multi.statement.xml")
      .toString("utf8")
      .replace('<Amt Ccy="EUR">7.00</Amt>', '<Amt Ccy="EUR">7.0.0</Amt>')
    const error = errorOf(() => readCamtStatement(twoStatements))
    expect(error.location).toBe("Stmt[2]/Ntry[1]/Amt")
  })

  it("reads namespace-prefixed elements and unknown namespace versions by local name", () => {
    const prefixed = `<?xml version="1.0"?><c:Document xmlns:c="urn:iso:std:iso:20022:tech:xsd:camt.053.001.13"><c:BkToCstmrStmt>
      <c:GrpHdr><c:MsgId>M1</c:MsgId></c:GrpHdr>
      <c:Stmt><c:Id>S1</c:Id><c:Acct><c:Id><c:IBAN>DE89370400440532013000</c:IBAN></c:Id></c:Acct>
        <c:Ntry><c:Amt Ccy="EUR">1</c:Amt><c:CdtDbtInd>CRDT</c:CdtDbtInd><c:Sts>BOOK</c:Sts><c:BookgDt><c:Dt>2025-03-01</c:Dt></c:BookgDt></c:Ntry>
      </c:Stmt>
    </c:BkToCstmrStmt></c:Document>`
    const [statement] = readCamtStatement(prefixed)
    expect(statement.currency).toBe("EUR")
    expect(statement.entries[0]).toMatchObject({ amount: "1.00", booking_date: "2025-03-01", value_date: null })
  })
})
