import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { BILLING_PAYMENT_MODULE } from ".."
import BillingPaymentModuleService, { NewBooking, StatementToStore } from "../service"

jest.setTimeout(60_000)

/** A transaction row as the import step prepares it (see statementRows). */
function row(dedupeKey: string, extra: Record<string, unknown> = {}) {
  return {
    dedupe_key: dedupeKey,
    entry_index: 0,
    transaction_index: 0,
    entry_reference: null,
    booking_date: "2026-03-02",
    value_date: null,
    amount: "119.00",
    direction: "credit",
    currency_code: "eur",
    reversal: false,
    bank_transaction_code: null,
    end_to_end_id: null,
    mandate_id: null,
    creditor_id: null,
    account_servicer_reference: null,
    remittance_text: "Rechnung RE-2026-000001",
    structured_reference: null,
    counterparty_name: "Erika Mustermann",
    counterparty_iban: null,
    counterparty_bic: null,
    return_reason: null,
    fee_amount: null,
    kind: "payment",
    ...extra,
  }
}

function statement(accountId: string, rows: ReturnType<typeof row>[]): StatementToStore {
  return {
    bank_account_id: accountId,
    currency_code: "eur",
    message_id: "MSG-1",
    statement_reference: "STMT-1",
    from_date: "2026-03-01",
    to_date: "2026-03-02",
    opening_balance: "100.00",
    closing_balance: "219.00",
    entries_skipped: 0,
    rows,
  }
}

const file = (statements: StatementToStore[]) => ({ source: "upload", file_name: "march.xml", file_sha256: "ab".repeat(32), format: "camt.053", statements })

function booking(transactionId: string, amount = "119.00"): NewBooking {
  return {
    transaction_id: transactionId,
    kind: "auto",
    customer_id: "cus_erika",
    created_by: null,
    allocations: [
      {
        kind: "invoice",
        invoice_id: "binv_1",
        invoice_number: "RE-2026-000001",
        customer_id: "cus_erika",
        currency_code: "eur",
        amount,
        write_off_amount: "0.00",
        end_to_end_id: null,
        fee_counter_account: null,
      },
    ],
  }
}

moduleIntegrationTestRunner<BillingPaymentModuleService>({
  moduleName: BILLING_PAYMENT_MODULE,
  resolve: "./src/modules/billing-payment",
  pathToMigrations: path.join(__dirname, "..", "migrations"),
  testSuite: ({ service, MikroOrmWrapper }) => {
    const sql = async <T = Record<string, unknown>>(query: string, params: unknown[] = []) =>
      (await MikroOrmWrapper.forkManager().execute(query, params)) as T[]
    const count = async (table: string) => Number((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n)

    let accountId: string
    let otherAccountId: string
    beforeEach(async () => {
      const [account, other] = await service.createBillingBankAccounts([
        { iban: "DE89370400440532013000", name: "Main account", currency_code: "eur" },
        { iban: "DE02120300000000202051", name: "Second account", currency_code: "eur" },
      ])
      accountId = account.id
      otherAccountId = other.id
    })

    describe("dedupe key", () => {
      it("stores a statement once: importing it again stores no statement and no transaction", async () => {
        const first = await service.storeStatements(file([statement(accountId, [row("k1#0"), row("k1#1"), row("k2#0", { amount: "30.00" })])]))
        expect(first.statements).toEqual([
          { id: expect.stringMatching(/^bbst_/), bank_account_id: accountId, transactions_in_file: 3, transactions_added: 3, duplicates_skipped: 0, entries_skipped: 0 },
        ])
        expect(first.transaction_ids).toHaveLength(3)
        const again = await service.storeStatements(file([statement(accountId, [row("k1#0"), row("k1#1"), row("k2#0", { amount: "30.00" })])]))
        expect(again.statements[0]).toMatchObject({ id: null, transactions_added: 0, duplicates_skipped: 3 })
        expect(again.transaction_ids).toEqual([])
        expect([await count("billing_bank_statement"), await count("billing_bank_transaction")]).toEqual([1, 3])
      })

      it("adds only the new transactions of an overlapping statement", async () => {
        await service.storeStatements(file([statement(accountId, [row("k1#0"), row("k2#0")])]))
        const overlapping = await service.storeStatements(file([statement(accountId, [row("k2#0"), row("k3#0", { booking_date: "2026-03-03" })])]))
        expect(overlapping.statements[0]).toMatchObject({ transactions_added: 1, duplicates_skipped: 1 })
        const stored = await sql<{ dedupe_key: string; statement_id: string }>(`SELECT dedupe_key, statement_id FROM billing_bank_transaction ORDER BY dedupe_key`)
        expect(stored.map((r) => r.dedupe_key)).toEqual(["k1#0", "k2#0", "k3#0"])
        expect(stored[2].statement_id).toBe(overlapping.statements[0].id)
      })

      it("keeps the same key apart per account, and refuses a duplicate key of one account in the database itself", async () => {
        await service.storeStatements(file([statement(accountId, [row("k1#0")]), statement(otherAccountId, [row("k1#0")])]))
        expect(await count("billing_bank_transaction")).toBe(2)
        const [existing] = await sql<{ statement_id: string }>(`SELECT statement_id FROM billing_bank_transaction WHERE bank_account_id = ?`, [accountId])
        await expect(
          sql(
            `INSERT INTO billing_bank_transaction (id, bank_account_id, statement_id, dedupe_key, entry_index, transaction_index, booking_date, amount, raw_amount, direction, currency_code, remittance_text, kind)
             VALUES ('bbtx_dup', ?, ?, 'k1#0', 0, 0, '2026-03-02', 1, '{"value":"1","precision":20}', 'credit', 'eur', '', 'payment')`,
            [accountId, existing.statement_id]
          )
        ).rejects.toThrow(/IDX_billing_bank_transaction_dedupe/)
      })

      it("removes what an import stored when its workflow is compensated", async () => {
        const stored = await service.storeStatements(file([statement(accountId, [row("k1#0")])]))
        await service.removeImportedStatements([stored.statements[0].id as string])
        expect([await count("billing_bank_statement"), await count("billing_bank_transaction")]).toEqual([0, 0])
      })
    })

    describe("booked at most once", () => {
      let transactionId: string
      beforeEach(async () => {
        const stored = await service.storeStatements(file([statement(accountId, [row("k1#0")])]))
        transactionId = stored.transaction_ids[0]
      })
      const book = (expect: ("new" | "review" | "booked")[] = ["new"]) =>
        service.applyBankDecisions({
          updates: [{ id: transactionId, status: "booked", expect, confidence: 0.97, customer_id: "cus_erika", suggestions: [] }],
          bookings: [booking(transactionId)],
          reversals: [],
          known_ibans: [{ iban: "DE02120300000000202051", customer_id: "cus_erika", transaction_id: transactionId }],
        })

      it("books a transaction, lists the booking as unposted until it is marked posted, and learns the IBAN", async () => {
        const applied = await book()
        expect(applied.booking_ids).toHaveLength(1)
        const work = await service.postableBankWork()
        expect(work.unposted_booking_ids).toEqual(applied.booking_ids)
        expect(work.allocations).toEqual([
          expect.objectContaining({ transaction_id: transactionId, booking_seq: 0, position: 0, kind: "invoice", amount: "119.00", write_off_amount: "0.00", booking_date: "2026-03-02" }),
        ])
        await service.markBankWorkPosted({ booking_ids: applied.booking_ids, reversed_allocation_ids: [] })
        expect((await service.postableBankWork()).allocations).toEqual([])
        expect(await service.knownIbans()).toEqual(new Map([["DE02120300000000202051", ["cus_erika"]]]))
        const [transaction] = await service.transactionsInStatus({ statuses: ["booked"] })
        expect(transaction).toMatchObject({ id: transactionId, confidence: 0.97, customer_id: "cus_erika" })
      })

      it("refuses a second booking of the same transaction, whoever writes it (partial unique index)", async () => {
        await book()
        await expect(
          service.applyBankDecisions({ updates: [], bookings: [booking(transactionId, "10.00")], reversals: [], known_ibans: [] })
        ).rejects.toThrow(/booked already/)
        await expect(
          sql(`INSERT INTO billing_bank_booking (id, transaction_id, seq, kind) VALUES ('bbbk_dup', ?, 7, 'manual')`, [transactionId])
        ).rejects.toThrow(/IDX_billing_bank_booking_once/)
        expect(await count("billing_bank_booking")).toBe(1)
        expect(await count("billing_bank_allocation")).toBe(1)
      })

      it("writes nothing when the transaction is no longer in the expected status", async () => {
        await book()
        await expect(book(["new", "review"])).rejects.toThrow(/is booked now \(expected new or review\)/)
        expect(await count("billing_bank_booking")).toBe(1)
      })

      it("books again after the booking is reversed, as the next booking of the transaction", async () => {
        await book()
        const [allocation] = await service.standingAllocations([transactionId])
        const reversal = await service.applyBankDecisions({
          updates: [{ id: transactionId, status: "review", expect: ["booked"], note: "unmatched" }],
          bookings: [],
          reversals: [{ allocation_ids: [allocation.allocation_id], reversed_by_transaction_id: null, reversed_by: "user_1", reason: "unmatched", booking_date: "2026-03-05" }],
          known_ibans: [],
        })
        expect(reversal.reversed_booking_ids).toHaveLength(1)
        expect(await service.standingAllocations([transactionId])).toEqual([])
        expect((await service.postableBankWork()).reversals).toEqual([
          expect.objectContaining({ allocation_id: allocation.allocation_id, reversal_booking_date: "2026-03-05", reversal_reason: "unmatched", reversed_by: "user_1" }),
        ])
        await book(["review"])
        const bookings = await sql<{ seq: number; reversed_at: Date | null }>(`SELECT seq, reversed_at FROM billing_bank_booking ORDER BY seq`)
        expect(bookings.map((b) => [b.seq, b.reversed_at !== null])).toEqual([
          [0, true],
          [1, false],
        ])
      })

      it("takes back unposted decisions (a compensation) and restores the transaction", async () => {
        const applied = await book()
        await service.revertBankDecisions(applied)
        expect([await count("billing_bank_booking"), await count("billing_bank_allocation"), await count("billing_bank_known_iban")]).toEqual([0, 0, 0])
        const [transaction] = await service.transactionsInStatus({ statuses: ["new"] })
        expect(transaction).toMatchObject({ id: transactionId, confidence: null, customer_id: null })
      })
    })
  },
})
