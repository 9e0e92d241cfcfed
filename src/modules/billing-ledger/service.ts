import { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MathBN,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import type { StatementLine } from "../../domain/ledger/postings"
import { bulkInsert } from "../../utils/bulk-insert"
import { bulkEntityId } from "../../utils/entity-id"
import Account from "./models/account"
import Entry from "./models/entry"
import Posting from "./models/posting"

export interface AccountSpec {
  code: string
  kind: "customer" | "revenue" | "vat" | "bank" | "cash_discount" | "write_off" | "fees" | "manual"
  name: string
  customer_id?: string | null
  tax_rate?: string | null
  tax_category?: string | null
}

export interface PostingInput {
  idempotency_key: string
  kind: "invoice" | "cancellation" | "payment" | "manual" | "write_off" | "fee" | "reversal" | "credit_offset"
  booking_date: string
  currency_code: string
  customer_id?: string | null
  reference_type?: string | null
  reference_id?: string | null
  description: string
  reason?: string | null
  created_by?: string | null
  entries: { account: AccountSpec; amount: string; invoice_id?: string | null }[]
}


/**
 * The customer ledger: append-only, double-entry. Postings are written whole or not at all, each balanced
 * (checked here with exact decimals and again by a deferred database trigger at commit), and keyed by an
 * idempotency key so a retried billing step never books twice.
 */
class BillingLedgerModuleService extends MedusaService({
  BillingLedgerAccount: Account,
  BillingLedgerPosting: Posting,
  BillingLedgerEntry: Entry,
}) {
  @InjectTransactionManager()
  async post(postings: PostingInput[], @MedusaContext() sharedContext: Context = {}): Promise<{ created: string[]; skipped: string[] }> {
    for (const posting of postings) {
      const sum = posting.entries.reduce((acc, e) => MathBN.add(acc, e.amount), MathBN.convert(0))
      if (!MathBN.eq(sum, 0) || posting.entries.length < 2) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `posting ${posting.idempotency_key}: entries must balance to 0, they sum to ${sum.toFixed(2)}`
        )
      }
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const keys = postings.map((p) => p.idempotency_key)
    const existing = keys.length
      ? ((await manager.execute(
          `SELECT idempotency_key FROM billing_ledger_posting WHERE deleted_at IS NULL AND idempotency_key IN (?)`,
          [keys]
        )) as { idempotency_key: string }[])
      : []
    const skip = new Set(existing.map((row) => row.idempotency_key))
    const fresh = postings.filter((p) => !skip.has(p.idempotency_key))
    if (!fresh.length) {
      return { created: [], skipped: [...skip] }
    }
    const accountIds = await this.ensureAccounts(
      fresh.flatMap((p) => p.entries.map((e) => ({ ...e.account, currency_code: p.currency_code }))),
      manager
    )
    const postingRows = fresh.map(({ entries: _entries, ...posting }) => ({
      id: bulkEntityId("blpo"),
      idempotency_key: posting.idempotency_key,
      kind: posting.kind,
      booking_date: posting.booking_date,
      currency_code: posting.currency_code,
      customer_id: posting.customer_id ?? null,
      reference_type: posting.reference_type ?? null,
      reference_id: posting.reference_id ?? null,
      description: posting.description,
      reason: posting.reason ?? null,
      created_by: posting.created_by ?? null,
      reverses_posting_id: null,
    }))
    // Plain bulk statements: a billing run posts hundreds of thousands of entries (docs/BENCHMARKS.md).
    await bulkInsert(manager, "billing_ledger_posting", postingRows)
    await bulkInsert(
      manager,
      "billing_ledger_entry",
      fresh.flatMap((posting, i) =>
        posting.entries.map((entry) => ({
          id: bulkEntityId("blen"),
          posting_id: postingRows[i].id,
          account_id: accountIds.get(entry.account.code) as string,
          amount: entry.amount,
          currency_code: posting.currency_code,
          invoice_id: entry.invoice_id ?? null,
        }))
      ),
      { bigNumbers: ["amount"] }
    )
    return { created: postingRows.map((p) => p.id), skipped: [...skip] }
  }

  /** Creates missing accounts race-free (ON CONFLICT on the natural key) and returns code → id. */
  private async ensureAccounts(specs: (AccountSpec & { currency_code: string })[], manager: SqlEntityManager) {
    // Sorted, so concurrent postings take the code index's locks in the same order and cannot deadlock.
    const unique = [...new Map(specs.map((s) => [s.code, s])).values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    const codes = unique.map((s) => s.code)
    const known = (await manager.execute(`SELECT id, code FROM billing_ledger_account WHERE deleted_at IS NULL AND code IN (?)`, [codes])) as {
      id: string
      code: string
    }[]
    const ids = new Map(known.map((row) => [row.code, row.id]))
    const missing = unique.filter((spec) => !ids.has(spec.code))
    if (missing.length) {
      await bulkInsert(
        manager,
        "billing_ledger_account",
        missing.map((spec) => ({
          id: bulkEntityId("blac"),
          code: spec.code,
          kind: spec.kind,
          currency_code: spec.currency_code,
          customer_id: spec.customer_id ?? null,
          tax_rate: spec.tax_rate ?? null,
          tax_category: spec.tax_category ?? null,
          name: spec.name,
        })),
        { onConflict: "ON CONFLICT (code) WHERE deleted_at IS NULL DO NOTHING" }
      )
      // Also picks up accounts a concurrent posting created between the two statements.
      const rows = (await manager.execute(`SELECT id, code FROM billing_ledger_account WHERE deleted_at IS NULL AND code IN (?)`, [
        missing.map((s) => s.code),
      ])) as { id: string; code: string }[]
      for (const row of rows) {
        ids.set(row.code, row.id)
      }
    }
    return ids
  }

  /**
   * Entries of a customer's account in one currency, oldest first, with the running balance (debit positive).
   * An invoice and the credit offset booked with it share a timestamp; the offset is listed after the invoice.
   */
  @InjectManager()
  async customerStatement(
    customerId: string,
    currencyCode: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ balance: string; lines: StatementLine[] }> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows = (await manager.execute(
      `SELECT e.id AS entry_id, p.id AS posting_id, p.booking_date, p.kind, p.description, p.reference_type, p.reference_id,
              e.invoice_id, e.amount::text AS amount,
              (SUM(e.amount) OVER (ORDER BY p.booking_date, p.created_at, p.kind = 'credit_offset', e.id))::text AS balance
         FROM billing_ledger_entry e
         JOIN billing_ledger_posting p ON p.id = e.posting_id
         JOIN billing_ledger_account a ON a.id = e.account_id
        WHERE a.kind = 'customer' AND a.customer_id = ? AND a.currency_code = ? AND e.deleted_at IS NULL
        ORDER BY p.booking_date, p.created_at, p.kind = 'credit_offset', e.id`,
      [customerId, currencyCode]
    )) as StatementLine[]
    const lines = rows.map((row) => ({ ...row, amount: MathBN.convert(row.amount).toFixed(2), balance: MathBN.convert(row.balance).toFixed(2) }))
    return { balance: lines.length ? lines[lines.length - 1].balance : "0.00", lines }
  }

  /** Per invoice: what was charged to the customer account and what is still open. */
  @InjectManager()
  async invoiceBalances(
    filter: { customer_id?: string; invoice_ids?: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ invoice_id: string; customer_id: string; currency_code: string; charged: string; open: string }[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const conditions = ["a.kind = 'customer'", "e.invoice_id IS NOT NULL", "e.deleted_at IS NULL"]
    const params: unknown[] = []
    if (filter.customer_id) {
      conditions.push("a.customer_id = ?")
      params.push(filter.customer_id)
    }
    if (filter.invoice_ids) {
      conditions.push("e.invoice_id IN (?)")
      params.push(filter.invoice_ids)
    }
    const rows = (await manager.execute(
      `SELECT e.invoice_id, a.customer_id, a.currency_code,
              SUM(CASE WHEN p.kind = 'invoice' THEN e.amount ELSE 0 END)::text AS charged,
              SUM(e.amount)::text AS open
         FROM billing_ledger_entry e
         JOIN billing_ledger_posting p ON p.id = e.posting_id
         JOIN billing_ledger_account a ON a.id = e.account_id
        WHERE ${conditions.join(" AND ")}
        GROUP BY e.invoice_id, a.customer_id, a.currency_code`,
      params
    )) as { invoice_id: string; customer_id: string; currency_code: string; charged: string; open: string }[]
    return rows.map((row) => ({ ...row, charged: MathBN.convert(row.charged).toFixed(2), open: MathBN.convert(row.open).toFixed(2) }))
  }

  /**
   * Credit a customer has in a currency, by where it came from (a cancelled invoice, or `null` for an
   * unassigned payment or manual credit), oldest first — what the next invoice offsets.
   */
  @InjectManager()
  async customerCreditSources(
    customerIds: string[],
    currencyCode: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ customer_id: string; invoice_id: string | null; amount: string }[]> {
    if (!customerIds.length) {
      return []
    }
    const manager = sharedContext.manager as SqlEntityManager
    const rows = (await manager.execute(
      `SELECT a.customer_id, e.invoice_id, SUM(e.amount)::text AS amount, MIN(p.booking_date || p.created_at::text) AS since
         FROM billing_ledger_entry e
         JOIN billing_ledger_posting p ON p.id = e.posting_id
         JOIN billing_ledger_account a ON a.id = e.account_id
        WHERE a.kind = 'customer' AND a.customer_id IN (?) AND a.currency_code = ? AND e.deleted_at IS NULL
        GROUP BY a.customer_id, e.invoice_id
       HAVING SUM(e.amount) < 0
        ORDER BY a.customer_id, since`,
      [customerIds, currencyCode]
    )) as { customer_id: string; invoice_id: string | null; amount: string }[]
    return rows.map((row) => ({ customer_id: row.customer_id, invoice_id: row.invoice_id, amount: MathBN.convert(row.amount).negated().toFixed(2) }))
  }

  /** Which of these idempotency keys have no posting yet. */
  @InjectManager()
  async unpostedReferences(keys: string[], @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    if (!keys.length) {
      return []
    }
    const manager = sharedContext.manager as SqlEntityManager
    // knex expands an array binding into a list, so "IN (?)" is how a set of keys is passed.
    const rows = (await manager.execute(
      `SELECT idempotency_key FROM billing_ledger_posting WHERE deleted_at IS NULL AND idempotency_key IN (?)`,
      [keys]
    )) as { idempotency_key: string }[]
    const posted = new Set(rows.map((row) => row.idempotency_key))
    return keys.filter((key) => !posted.has(key))
  }

  /**
   * The invoices with something open on a customer account (the same sums as `invoiceBalances`, only the
   * ones above zero): what dunning starts from, without reading every invoice ever paid.
   */
  @InjectManager()
  async openInvoiceBalances(@MedusaContext() sharedContext: Context = {}): Promise<{ invoice_id: string; customer_id: string; currency_code: string; open: string }[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows = (await manager.execute(
      `SELECT e.invoice_id, a.customer_id, a.currency_code, SUM(e.amount)::text AS open
         FROM billing_ledger_entry e
         JOIN billing_ledger_account a ON a.id = e.account_id
        WHERE a.kind = 'customer' AND e.invoice_id IS NOT NULL AND e.deleted_at IS NULL
        GROUP BY e.invoice_id, a.customer_id, a.currency_code
       HAVING SUM(e.amount) > 0`
    )) as { invoice_id: string; customer_id: string; currency_code: string; open: string }[]
    return rows.map((row) => ({ ...row, open: MathBN.convert(row.open).toFixed(2) }))
  }

  /** The balance (debit positive: owes; negative: credit) of these customers' accounts, per currency. */
  @InjectManager()
  async customerBalances(customerIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<{ customer_id: string; currency_code: string; balance: string }[]> {
    if (!customerIds.length) {
      return []
    }
    const manager = sharedContext.manager as SqlEntityManager
    const rows = (await manager.execute(
      `SELECT a.customer_id, a.currency_code, COALESCE(SUM(e.amount), 0)::text AS balance
         FROM billing_ledger_account a
         LEFT JOIN billing_ledger_entry e ON e.account_id = a.id AND e.deleted_at IS NULL
        WHERE a.kind = 'customer' AND a.customer_id IN (?) AND a.deleted_at IS NULL
        GROUP BY a.customer_id, a.currency_code`,
      [customerIds]
    )) as { customer_id: string; currency_code: string; balance: string }[]
    return rows.map((row) => ({ ...row, balance: MathBN.convert(row.balance).toFixed(2) }))
  }
}

export default BillingLedgerModuleService
