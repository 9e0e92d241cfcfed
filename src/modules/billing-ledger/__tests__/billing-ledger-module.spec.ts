import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { BILLING_LEDGER_MODULE } from ".."
import BillingLedgerModuleService, { AccountSpec, PostingInput } from "../service"

jest.setTimeout(60_000)

/** The append-only trigger's message (Migration20261204163300). */
const APPEND_ONLY = /the ledger is append-only; book a reversal instead/

const customer = (id: string, currency = "eur"): AccountSpec => ({
  code: `customer:${id}:${currency}`,
  kind: "customer",
  customer_id: id,
  name: `Customer ${id} (${currency.toUpperCase()})`,
})
const revenue: AccountSpec = { code: "revenue:S:19:eur", kind: "revenue", tax_rate: "19", tax_category: "S", name: "Revenue S 19 % (EUR)" }
const vat: AccountSpec = { code: "vat:19:eur", kind: "vat", tax_rate: "19", name: "VAT 19 % (EUR)" }
const bank: AccountSpec = { code: "bank:eur", kind: "bank", name: "bank (EUR)" }

/** An invoice posting as the billing run books it: customer debited gross, revenue and VAT credited. */
function invoicePosting(invoiceId: string, customerId: string, net: string, tax: string, gross: string, booking_date = "2026-03-10"): PostingInput {
  return {
    idempotency_key: `invoice:${invoiceId}`,
    kind: "invoice",
    booking_date,
    currency_code: "eur",
    customer_id: customerId,
    reference_type: "billing_invoice",
    reference_id: invoiceId,
    description: `Invoice ${invoiceId}`,
    entries: [
      { account: customer(customerId), amount: gross, invoice_id: invoiceId },
      { account: revenue, amount: `-${net}` },
      { account: vat, amount: `-${tax}` },
    ],
  }
}

/** A cancellation posting: the mirror image, the customer entry pointing at the cancelled invoice. */
function cancellationPosting(cancellationId: string, invoiceId: string, customerId: string, net: string, tax: string, gross: string, booking_date: string): PostingInput {
  return {
    idempotency_key: `cancellation:${cancellationId}`,
    kind: "cancellation",
    booking_date,
    currency_code: "eur",
    customer_id: customerId,
    reference_type: "billing_invoice",
    reference_id: cancellationId,
    description: `Cancellation ${cancellationId}`,
    entries: [
      { account: customer(customerId), amount: `-${gross}`, invoice_id: invoiceId },
      { account: revenue, amount: net },
      { account: vat, amount: tax },
    ],
  }
}

function paymentPosting(key: string, customerId: string, amount: string, invoiceId: string | null, booking_date: string): PostingInput {
  return {
    idempotency_key: `payment:${key}`,
    kind: "payment",
    booking_date,
    currency_code: "eur",
    customer_id: customerId,
    description: `Payment ${key}`,
    entries: [
      { account: customer(customerId), amount: `-${amount}`, invoice_id: invoiceId },
      { account: bank, amount },
    ],
  }
}

/** A posting on five fixed accounts (bank, cash_discount, fees, manual, write_off), optionally listed in reverse order. */
function fiveAccountPosting(key: string, reversed: boolean): PostingInput {
  const kinds = ["bank", "cash_discount", "fees", "manual", "write_off"] as const
  const accounts: AccountSpec[] = kinds.map((kind) => ({ code: `${kind}:eur`, kind, name: `${kind} (EUR)` }))
  const entries = accounts.map((account, j) => ({ account, amount: j === 0 ? "4.00" : "-1.00" }))
  return {
    idempotency_key: `manual:${key}`,
    kind: "manual",
    booking_date: "2026-03-10",
    currency_code: "eur",
    description: `Race ${key}`,
    entries: reversed ? entries.reverse() : entries,
  }
}

moduleIntegrationTestRunner<BillingLedgerModuleService>({
  moduleName: BILLING_LEDGER_MODULE,
  resolve: "./src/modules/billing-ledger",
  // Without this the runner only builds the schema from the models: the append-only and balanced-posting
  // triggers of Migration20261204163300 would be missing. With it, the module's real migrations run.
  pathToMigrations: path.join(__dirname, "..", "migrations"),
  testSuite: ({ service, MikroOrmWrapper }) => {
    /** Raw SQL on a connection of its own, outside the module service. */
    const sql = async <T = Record<string, unknown>>(query: string, params: unknown[] = []) =>
      (await MikroOrmWrapper.forkManager().execute(query, params)) as T[]

    const entriesOf = (postingId: string) =>
      sql<{ code: string; amount: string; invoice_id: string | null }>(
        `SELECT a.code, e.amount::text AS amount, e.invoice_id FROM billing_ledger_entry e JOIN billing_ledger_account a ON a.id = e.account_id
          WHERE e.posting_id = ? ORDER BY a.code`,
        [postingId]
      )

    /**
     * Runs each posting in its own concurrent post() call, lined up: a transaction holds the account table in
     * SHARE mode until every call waits at its first account INSERT, then lets them all go at once.
     */
    async function racePosts(postings: PostingInput[]) {
      const knex = MikroOrmWrapper.forkManager().getConnection().getKnex()
      const waiting = async () =>
        (await sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'billing_ledger_account' AND NOT l.granted`
        ))[0].n
      let pending: Promise<PromiseSettledResult<{ created: string[]; skipped: string[] }>[]> = Promise.resolve([])
      await knex.transaction(async (trx) => {
        await trx.raw(`LOCK TABLE billing_ledger_account IN SHARE MODE`)
        pending = Promise.allSettled(postings.map((p) => service.post([p])))
        for (let tries = 0; tries < 100 && (await waiting()) < postings.length; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
      })
      const results = await pending
      return results.flatMap((r) => {
        if (r.status === "fulfilled") {
          return []
        }
        const message = String((r.reason as Error).message)
        return [message.match(/deadlock detected|[^\n]*already exists[^\n]*/)?.[0] ?? message.split("\n")[0]]
      })
    }

    it("runs the module's migrations, including the trigger migration", async () => {
      const triggers = await sql<{ tgname: string; tgdeferrable: boolean; tginitdeferred: boolean }>(
        `SELECT tgname, tgdeferrable, tginitdeferred FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`
      )
      expect(triggers).toEqual([
        { tgname: "billing_ledger_entry_append_only", tgdeferrable: false, tginitdeferred: false },
        { tgname: "billing_ledger_posting_append_only", tgdeferrable: false, tginitdeferred: false },
        { tgname: "billing_ledger_posting_balanced", tgdeferrable: true, tginitdeferred: true },
      ])
    })

    describe("post", () => {
      it("books a balanced posting with its entries exactly", async () => {
        const { created, skipped } = await service.post([invoicePosting("binv_1", "cus_1", "100.10", "19.02", "119.12")])
        expect(skipped).toEqual([])
        expect(created).toHaveLength(1)
        expect(await service.retrieveBillingLedgerPosting(created[0])).toMatchObject({
          idempotency_key: "invoice:binv_1",
          kind: "invoice",
          booking_date: "2026-03-10",
          customer_id: "cus_1",
          reference_type: "billing_invoice",
          reference_id: "binv_1",
        })
        expect(await entriesOf(created[0])).toEqual([
          { code: "customer:cus_1:eur", amount: "119.12", invoice_id: "binv_1" },
          { code: "revenue:S:19:eur", amount: "-100.1", invoice_id: null },
          { code: "vat:19:eur", amount: "-19.02", invoice_id: null },
        ])
      })

      it("rejects an unbalanced posting, naming the key and the sum, and writes nothing", async () => {
        const unbalanced = invoicePosting("binv_1", "cus_1", "100.00", "19.00", "119.01")
        await expect(service.post([unbalanced])).rejects.toThrow("posting invoice:binv_1: entries must balance to 0, they sum to 0.01")
        const credit = { ...invoicePosting("binv_2", "cus_1", "100.00", "19.00", "118.50"), idempotency_key: "invoice:binv_2" }
        await expect(service.post([invoicePosting("binv_3", "cus_1", "1.00", "0.19", "1.19"), credit])).rejects.toThrow(
          "posting invoice:binv_2: entries must balance to 0, they sum to -0.50"
        )
        const single = { ...paymentPosting("p1", "cus_1", "5.00", null, "2026-03-10") }
        single.entries = [single.entries[0]]
        await expect(service.post([single])).rejects.toThrow("posting payment:p1: entries must balance to 0, they sum to -5.00")
        expect(await service.listBillingLedgerPostings({})).toHaveLength(0)
        expect(await service.listBillingLedgerEntries({})).toHaveLength(0)
        expect(await service.listBillingLedgerAccounts({})).toHaveLength(0)
      })

      it("skips an idempotency key that is posted already", async () => {
        const first = await service.post([invoicePosting("binv_1", "cus_1", "100.00", "19.00", "119.00")])
        expect(await service.post([invoicePosting("binv_1", "cus_1", "100.00", "19.00", "119.00")])).toEqual({
          created: [],
          skipped: ["invoice:binv_1"],
        })
        const mixed = await service.post([
          invoicePosting("binv_1", "cus_1", "100.00", "19.00", "119.00"),
          invoicePosting("binv_2", "cus_1", "10.00", "1.90", "11.90"),
        ])
        expect(mixed.skipped).toEqual(["invoice:binv_1"])
        expect(mixed.created).toHaveLength(1)
        expect(mixed.created[0]).not.toBe(first.created[0])
        expect(await service.listBillingLedgerPostings({})).toHaveLength(2)
        expect(await service.listBillingLedgerEntries({})).toHaveLength(6)
        expect(await service.unpostedReferences(["invoice:binv_1", "invoice:binv_2", "invoice:binv_3"])).toEqual(["invoice:binv_3"])
        expect(await service.unpostedReferences([])).toEqual([])
      })

      it("books the same key only once when posted concurrently", async () => {
        const results = await Promise.allSettled(
          Array.from({ length: 3 }, () => service.post([invoicePosting("binv_1", "cus_1", "100.00", "19.00", "119.00")]))
        )
        expect(await service.listBillingLedgerPostings({})).toHaveLength(1)
        expect(await service.listBillingLedgerEntries({})).toHaveLength(3)
        // Exactly once: one call creates the posting. A loser of the race does not get a skip but the unique
        // index's duplicate error (the pre-check SELECT runs before the winner commits); it is skipped on retry.
        const outcomes = results.map((r) =>
          r.status === "fulfilled" ? (r.value.created.length ? "created" : "skipped") : String((r.reason as Error).message)
        )
        expect(outcomes.filter((o) => o === "created")).toHaveLength(1)
        for (const outcome of outcomes.filter((o) => o !== "created")) {
          expect(outcome).toMatch(/^skipped$|idempotency_key: invoice:binv_1, already exists/)
        }
        expect(await service.post([invoicePosting("binv_1", "cus_1", "100.00", "19.00", "119.00")])).toEqual({ created: [], skipped: ["invoice:binv_1"] })
      })

      it("creates each account once per code, also when concurrent postings create the same new accounts", async () => {
        await service.post([invoicePosting("binv_1", "cus_1", "100.00", "19.00", "119.00")])
        await service.post([invoicePosting("binv_2", "cus_1", "10.00", "1.90", "11.90"), invoicePosting("binv_3", "cus_2", "10.00", "1.90", "11.90")])
        const accounts = await service.listBillingLedgerAccounts({}, { order: { code: "ASC" } })
        expect(accounts.map(({ code, kind, customer_id, currency_code, tax_rate, tax_category }) => ({ code, kind, customer_id, currency_code, tax_rate, tax_category }))).toEqual([
          { code: "customer:cus_1:eur", kind: "customer", customer_id: "cus_1", currency_code: "eur", tax_rate: null, tax_category: null },
          { code: "customer:cus_2:eur", kind: "customer", customer_id: "cus_2", currency_code: "eur", tax_rate: null, tax_category: null },
          { code: "revenue:S:19:eur", kind: "revenue", customer_id: null, currency_code: "eur", tax_rate: "19", tax_category: "S" },
          { code: "vat:19:eur", kind: "vat", customer_id: null, currency_code: "eur", tax_rate: "19", tax_category: null },
        ])

        // Five rounds of eight concurrent payments of one new customer each: every call must find or create the
        // customer's account (and the bank account), none may fail.
        const failures: string[] = []
        for (let round = 0; round < 5; round++) {
          failures.push(...(await racePosts(Array.from({ length: 8 }, (_, i) => paymentPosting(`r${round}c${i}`, `cus_r${round}`, "1.00", null, "2026-03-10")))))
        }
        expect(failures).toEqual([])
        expect(await service.listBillingLedgerAccounts({})).toHaveLength(4 + 5 + 1)
        expect(await service.listBillingLedgerPostings({})).toHaveLength(3 + 40)
      })

      it("does not deadlock when concurrent postings create the same new accounts in different orders", async () => {
        // Half of the postings list the five new accounts in ascending, half in descending order of code.
        expect(await racePosts(Array.from({ length: 8 }, (_, i) => fiveAccountPosting(`race${i}`, i % 2 === 1)))).toEqual([])
        expect(await service.listBillingLedgerAccounts({})).toHaveLength(5)
        expect(await service.listBillingLedgerPostings({})).toHaveLength(8)
      })
    })

    describe("append-only", () => {
      it("refuses updating or deleting postings and entries through the service", async () => {
        const { created } = await service.post([invoicePosting("binv_1", "cus_1", "100.00", "19.00", "119.00")])
        const [entry] = await service.listBillingLedgerEntries({ posting_id: created[0] })
        await expect(service.updateBillingLedgerPostings({ id: created[0], description: "edited" })).rejects.toThrow(APPEND_ONLY)
        await expect(service.deleteBillingLedgerPostings(created[0])).rejects.toThrow(APPEND_ONLY)
        await expect(service.softDeleteBillingLedgerPostings(created[0])).rejects.toThrow(APPEND_ONLY)
        await expect(service.updateBillingLedgerEntries({ id: entry.id, amount: 1 })).rejects.toThrow(APPEND_ONLY)
        await expect(service.deleteBillingLedgerEntries(entry.id)).rejects.toThrow(APPEND_ONLY)
        await expect(service.softDeleteBillingLedgerEntries(entry.id)).rejects.toThrow(APPEND_ONLY)
        expect(await service.retrieveBillingLedgerPosting(created[0])).toMatchObject({ description: "Invoice binv_1", deleted_at: null })
        expect(await service.listBillingLedgerEntries({ posting_id: created[0] })).toHaveLength(3)
      })

      it.each([
        ["a posting UPDATE", `UPDATE billing_ledger_posting SET description = 'edited' WHERE id = ?`],
        ["a posting soft delete", `UPDATE billing_ledger_posting SET deleted_at = now() WHERE id = ?`],
        ["a posting DELETE", `DELETE FROM billing_ledger_posting WHERE id = ?`],
        ["an entry UPDATE", `UPDATE billing_ledger_entry SET amount = amount * 2 WHERE posting_id = ?`],
        ["an entry soft delete", `UPDATE billing_ledger_entry SET deleted_at = now() WHERE posting_id = ?`],
        ["an entry DELETE", `DELETE FROM billing_ledger_entry WHERE posting_id = ?`],
      ])("refuses %s in raw SQL", async (_label, statement) => {
        const { created } = await service.post([invoicePosting("binv_1", "cus_1", "100.00", "19.00", "119.00")])
        await expect(sql(statement, [created[0]])).rejects.toThrow(APPEND_ONLY)
        expect(await entriesOf(created[0])).toEqual([
          { code: "customer:cus_1:eur", amount: "119", invoice_id: "binv_1" },
          { code: "revenue:S:19:eur", amount: "-100", invoice_id: null },
          { code: "vat:19:eur", amount: "-19", invoice_id: null },
        ])
        expect(await sql(`SELECT description, deleted_at FROM billing_ledger_posting`)).toEqual([{ description: "Invoice binv_1", deleted_at: null }])
      })
    })

    describe("balanced postings in the database", () => {
      /** Inserts a posting and entries with raw SQL in one transaction; `seen` records what the transaction saw before COMMIT. */
      async function insertRaw(postingId: string, amounts: string[], seen: { entries?: number }) {
        await service.post([paymentPosting("seed", "cus_1", "1.00", null, "2026-03-01")])
        const [{ id: accountId }] = await sql<{ id: string }>(`SELECT id FROM billing_ledger_account WHERE code = 'bank:eur'`)
        const knex = MikroOrmWrapper.forkManager().getConnection().getKnex()
        await knex.transaction(async (trx) => {
          await trx.raw(
            `INSERT INTO billing_ledger_posting (id, idempotency_key, kind, booking_date, currency_code, description)
             VALUES (?, ?, 'manual', '2026-03-10', 'eur', 'raw')`,
            [postingId, `raw:${postingId}`]
          )
          for (const [i, amount] of amounts.entries()) {
            await trx.raw(
              `INSERT INTO billing_ledger_entry (id, amount, raw_amount, currency_code, posting_id, account_id)
               VALUES (?, ?::numeric, jsonb_build_object('value', ?::text, 'precision', 20), 'eur', ?, ?)`,
              [`${postingId}_e${i}`, amount, amount, postingId, accountId]
            )
          }
          const { rows } = await trx.raw(`SELECT count(*)::int AS n FROM billing_ledger_entry WHERE posting_id = ?`, [postingId])
          seen.entries = rows[0].n
        })
      }

      it("lets an unbalanced set of entries be inserted but fails the transaction at COMMIT", async () => {
        const seen: { entries?: number } = {}
        await expect(insertRaw("blpo_raw_1", ["10.00", "-9.99"], seen)).rejects.toThrow("billing_ledger_posting blpo_raw_1: entries sum to 0.01, not 0")
        // Every INSERT went through inside the transaction; only COMMIT refused it.
        expect(seen.entries).toBe(2)
        expect(await sql(`SELECT id FROM billing_ledger_posting WHERE id = 'blpo_raw_1'`)).toEqual([])
        expect(await sql(`SELECT id FROM billing_ledger_entry WHERE posting_id = 'blpo_raw_1'`)).toEqual([])
      })

      it("commits a balanced set of entries inserted with raw SQL", async () => {
        const seen: { entries?: number } = {}
        await insertRaw("blpo_raw_2", ["10.00", "-4.995", "-5.005"], seen)
        expect(seen.entries).toBe(3)
        expect((await sql<{ sum: string }>(`SELECT sum(amount)::text AS sum FROM billing_ledger_entry WHERE posting_id = 'blpo_raw_2'`))[0].sum).toBe("0.000")
      })
    })

    describe("reports", () => {
      it("customerStatement returns the customer's entries by booking date with the running balance", async () => {
        await service.post([invoicePosting("binv_2", "cus_1", "50.00", "9.50", "59.50", "2026-02-01")])
        await service.post([invoicePosting("binv_1", "cus_1", "100.00", "19.00", "119.00", "2026-01-01")])
        await service.post([paymentPosting("p1", "cus_1", "119.00", "binv_1", "2026-01-15")])
        await service.post([paymentPosting("p2", "cus_1", "0.10", null, "2026-02-03")])
        // Other customers and currencies stay out.
        await service.post([invoicePosting("binv_9", "cus_2", "1.00", "0.19", "1.19", "2026-01-02")])
        await service.post([
          {
            ...paymentPosting("usd", "cus_1", "5.00", null, "2026-01-03"),
            currency_code: "usd",
            entries: [
              { account: customer("cus_1", "usd"), amount: "-5.00" },
              { account: { code: "bank:usd", kind: "bank", name: "bank (USD)" }, amount: "5.00" },
            ],
          },
        ])

        const statement = await service.customerStatement("cus_1", "eur")
        expect(statement.lines.map(({ booking_date, kind, description, invoice_id, amount, balance }) => ({ booking_date, kind, description, invoice_id, amount, balance }))).toEqual([
          { booking_date: "2026-01-01", kind: "invoice", description: "Invoice binv_1", invoice_id: "binv_1", amount: "119.00", balance: "119.00" },
          { booking_date: "2026-01-15", kind: "payment", description: "Payment p1", invoice_id: "binv_1", amount: "-119.00", balance: "0.00" },
          { booking_date: "2026-02-01", kind: "invoice", description: "Invoice binv_2", invoice_id: "binv_2", amount: "59.50", balance: "59.50" },
          { booking_date: "2026-02-03", kind: "payment", description: "Payment p2", invoice_id: null, amount: "-0.10", balance: "59.40" },
        ])
        expect(statement.balance).toBe("59.40")
        expect(await service.customerStatement("cus_1", "usd")).toMatchObject({ balance: "-5.00" })
        expect(await service.customerStatement("cus_unknown", "eur")).toEqual({ balance: "0.00", lines: [] })
      })

      it("invoiceBalances returns what was charged and what is open after a partial payment", async () => {
        await service.post([invoicePosting("binv_1", "cus_1", "100.00", "19.00", "119.00")])
        await service.post([invoicePosting("binv_2", "cus_1", "10.00", "1.90", "11.90")])
        await service.post([invoicePosting("binv_3", "cus_2", "10.00", "1.90", "11.90")])
        await service.post([paymentPosting("p1", "cus_1", "50.01", "binv_1", "2026-03-20")])

        const sort = <T extends { invoice_id: string }>(rows: T[]) => [...rows].sort((x, y) => x.invoice_id.localeCompare(y.invoice_id))
        expect(sort(await service.invoiceBalances({ customer_id: "cus_1" }))).toEqual([
          { invoice_id: "binv_1", customer_id: "cus_1", currency_code: "eur", charged: "119.00", open: "68.99" },
          { invoice_id: "binv_2", customer_id: "cus_1", currency_code: "eur", charged: "11.90", open: "11.90" },
        ])
        expect(await service.invoiceBalances({ invoice_ids: ["binv_3"] })).toEqual([
          { invoice_id: "binv_3", customer_id: "cus_2", currency_code: "eur", charged: "11.90", open: "11.90" },
        ])
        await service.post([paymentPosting("p2", "cus_1", "68.99", "binv_1", "2026-03-25")])
        expect(await service.invoiceBalances({ invoice_ids: ["binv_1"] })).toEqual([
          { invoice_id: "binv_1", customer_id: "cus_1", currency_code: "eur", charged: "119.00", open: "0.00" },
        ])
      })

      it("customerCreditSources shows the credit of a cancelled paid invoice and of unassigned payments, oldest first", async () => {
        await service.post([invoicePosting("binv_1", "cus_1", "100.00", "19.00", "119.00", "2026-03-01")])
        await service.post([paymentPosting("p1", "cus_1", "119.00", "binv_1", "2026-03-05")])
        expect(await service.customerCreditSources(["cus_1"], "eur")).toEqual([])

        await service.post([cancellationPosting("binv_st1", "binv_1", "cus_1", "100.00", "19.00", "119.00", "2026-03-10")])
        await service.post([paymentPosting("p2", "cus_1", "20.50", null, "2026-03-12")])
        // An open invoice of the customer is no credit source.
        await service.post([invoicePosting("binv_2", "cus_1", "10.00", "1.90", "11.90", "2026-03-11")])
        // Another customer's credit only when asked for.
        await service.post([paymentPosting("p3", "cus_2", "3.00", null, "2026-03-01")])

        expect(await service.customerCreditSources(["cus_1"], "eur")).toEqual([
          { customer_id: "cus_1", invoice_id: "binv_1", amount: "119.00" },
          { customer_id: "cus_1", invoice_id: null, amount: "20.50" },
        ])
        expect(await service.customerCreditSources(["cus_1", "cus_2"], "eur")).toEqual([
          { customer_id: "cus_1", invoice_id: "binv_1", amount: "119.00" },
          { customer_id: "cus_1", invoice_id: null, amount: "20.50" },
          { customer_id: "cus_2", invoice_id: null, amount: "3.00" },
        ])
        expect(await service.customerCreditSources(["cus_1"], "usd")).toEqual([])
        expect(await service.customerCreditSources([], "eur")).toEqual([])
        expect(await service.invoiceBalances({ invoice_ids: ["binv_1"] })).toEqual([
          { invoice_id: "binv_1", customer_id: "cus_1", currency_code: "eur", charged: "119.00", open: "-119.00" },
        ])
        expect((await service.customerStatement("cus_1", "eur")).balance).toBe("-127.60")
      })
    })
  },
})
