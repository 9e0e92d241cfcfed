import { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import type { MatchConfig } from "../../domain/matching/types"
import { bulkInsert } from "../../utils/bulk-insert"
import { bulkEntityId } from "../../utils/entity-id"
import BankAccount from "./models/bank-account"
import BankAllocation from "./models/bank-allocation"
import BankBooking from "./models/bank-booking"
import BankStatement from "./models/bank-statement"
import BankTransaction from "./models/bank-transaction"
import KnownIban from "./models/known-iban"

/** An online-banking connector (or any other statement source) registered through the plugin options. */
export interface BankStatementSourceConfig {
  /** Module path or package that default-exports (or exports `createBankStatementSource`) a factory. */
  resolve: string
  /** Recorded as the statements' `source`; defaults to the resolve path. */
  id?: string
  options?: Record<string, unknown>
}

export interface BillingPaymentModuleOptions {
  /** A folder the `bank-import` job watches: new files are imported and moved to `done/` or `failed/`. */
  bank_import_folder?: string | null
  /** Further statement sources, e.g. an online-banking connector (see docs/bank.md). */
  bank_statement_sources?: BankStatementSourceConfig[]
  /** Book automatically from this confidence on (0..1); the matching engine's default is 0.9. */
  auto_book_threshold?: number
  /** A payment at most this much below the open amount settles the invoice; the rest is written off. */
  write_off_tolerance?: string
  /** Payer-name and amount evidence counts for invoices due at most this many days before the payment. */
  matching_date_window_days?: number
}

const AMOUNT = (column: string) => `${column}::text AS ${column.replace(/^\w+\./, "")}`

/** A stored bank transaction as matching reads it. */
export interface StoredBankTransaction {
  id: string
  bank_account_id: string
  statement_id: string
  entry_index: number
  transaction_index: number
  entry_reference: string | null
  booking_date: string
  amount: string
  direction: "credit" | "debit"
  currency_code: string
  reversal: boolean
  end_to_end_id: string | null
  mandate_id: string | null
  remittance_text: string
  structured_reference: string | null
  counterparty_name: string | null
  counterparty_iban: string | null
  return_reason: string | null
  fee_amount: string | null
  kind: "payment" | "return" | "other"
  status: "new" | "review" | "unmatched" | "booked" | "ignored" | "returned"
  confidence: number | null
  customer_id: string | null
  suggestions: unknown
  note: string | null
  returns_transaction_id: string | null
}

const TRANSACTION_COLUMNS = `t.id, t.bank_account_id, t.statement_id, t.entry_index, t.transaction_index, t.entry_reference, t.booking_date,
  ${AMOUNT("t.amount")}, t.direction, t.currency_code, t.reversal, t.end_to_end_id, t.mandate_id, t.remittance_text,
  t.structured_reference, t.counterparty_name, t.counterparty_iban, t.return_reason, ${AMOUNT("t.fee_amount")}, t.kind, t.status,
  t.confidence, t.customer_id, t.suggestions, t.note, t.returns_transaction_id`

export interface StatementToStore {
  bank_account_id: string
  currency_code: string
  message_id: string | null
  statement_reference: string | null
  from_date: string | null
  to_date: string | null
  opening_balance: string | null
  closing_balance: string | null
  entries_skipped: number
  rows: (Record<string, unknown> & { dedupe_key: string })[]
}

export interface StoredStatementResult {
  /** Null when the statement added nothing (then nothing of it is stored). */
  id: string | null
  bank_account_id: string
  transactions_in_file: number
  transactions_added: number
  duplicates_skipped: number
  entries_skipped: number
}

/**
 * A new status and what matching (or an admin) found, for a transaction still in one of `expect`. Confidence
 * and suggestions are written when `confidence` is given, the customer when `customer_id` is.
 */
export interface TransactionUpdate {
  id: string
  status: StoredBankTransaction["status"]
  expect: StoredBankTransaction["status"][]
  confidence?: number | null
  customer_id?: string | null
  suggestions?: unknown
  note?: string | null
  returns_transaction_id?: string | null
}

export interface NewAllocation {
  kind: "invoice" | "credit" | "fee"
  invoice_id: string | null
  invoice_number: string | null
  customer_id: string
  currency_code: string
  amount: string
  write_off_amount: string
  end_to_end_id: string | null
  fee_counter_account: "bank" | "fees" | null
}

export interface NewBooking {
  transaction_id: string
  kind: "auto" | "manual" | "return"
  customer_id: string | null
  created_by: string | null
  allocations: NewAllocation[]
}

export interface AllocationReversal {
  allocation_ids: string[]
  /** The return that takes them back, or null for an admin's "unmatch". */
  reversed_by_transaction_id: string | null
  reversed_by: string | null
  reason: string
  booking_date: string
}

/** A booking's allocation with what posting it needs (see `allocationPostings`). */
export interface AllocationToPost {
  allocation_id: string
  booking_id: string
  transaction_id: string
  booking_seq: number
  position: number
  kind: "invoice" | "credit" | "fee"
  invoice_id: string | null
  invoice_number: string | null
  customer_id: string
  currency_code: string
  amount: string
  write_off_amount: string
  fee_counter_account: "bank" | "fees" | null
  end_to_end_id: string | null
  booking_date: string
  entry_reference: string | null
  counterparty_name: string | null
  reversed_at: Date | null
  reversed_by_transaction_id: string | null
  reversed_by: string | null
  reversal_reason: string | null
  reversal_booking_date: string | null
}

const ALLOCATION_COLUMNS = `a.id AS allocation_id, a.booking_id, a.transaction_id, b.seq AS booking_seq, a.position, a.kind, a.invoice_id,
  a.invoice_number, a.customer_id, a.currency_code, ${AMOUNT("a.amount")}, ${AMOUNT("a.write_off_amount")}, a.fee_counter_account,
  a.end_to_end_id, t.booking_date, t.entry_reference, t.counterparty_name, a.reversed_at, a.reversed_by_transaction_id, a.reversed_by,
  a.reversal_reason, a.reversal_booking_date`

/** What `applyBankDecisions` changed, so that its compensation can take it back. */
export interface AppliedBankDecisions {
  booking_ids: string[]
  reversed_allocation_ids: string[]
  reversed_booking_ids: string[]
  previous: Omit<TransactionUpdate, "expect">[]
  known_iban_ids: string[]
}

/**
 * Bank accounts, imported statements and their transactions, bookings of transactions (the allocations that
 * are posted to the customer ledger) and IBANs learned from bookings. Bulk reads and writes are plain SQL on
 * the module's own tables: one statement may bring 10,000 transactions and one matching run book them all.
 */
class BillingPaymentModuleService extends MedusaService({
  BillingBankAccount: BankAccount,
  BillingBankStatement: BankStatement,
  BillingBankTransaction: BankTransaction,
  BillingBankBooking: BankBooking,
  BillingBankAllocation: BankAllocation,
  BillingBankKnownIban: KnownIban,
}) {
  protected readonly options_: BillingPaymentModuleOptions

  constructor(container: Record<string, unknown>, options: BillingPaymentModuleOptions = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...(arguments as unknown as [Record<string, unknown>]))
    this.options_ = options ?? {}
  }

  /** The matching settings from the plugin options (the engine's defaults for what is not set). */
  matchingConfig(): Partial<MatchConfig> {
    const config: Partial<MatchConfig> = {}
    if (this.options_.auto_book_threshold !== undefined) {
      config.auto_book_threshold = Number(this.options_.auto_book_threshold)
    }
    if (this.options_.write_off_tolerance !== undefined) {
      config.write_off_tolerance = String(this.options_.write_off_tolerance)
    }
    if (this.options_.matching_date_window_days !== undefined) {
      config.date_window_days = Number(this.options_.matching_date_window_days)
    }
    return config
  }

  importFolder(): string | null {
    return this.options_.bank_import_folder || null
  }

  statementSourceConfigs(): BankStatementSourceConfig[] {
    return this.options_.bank_statement_sources ?? []
  }

  /**
   * Stores statements and their new transactions in one transaction. A transaction whose dedupe key the
   * account has already is skipped; a statement that adds nothing is not stored at all.
   */
  @InjectTransactionManager()
  async storeStatements(
    input: { source: string; file_name: string | null; file_sha256: string; format: string; statements: StatementToStore[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ statements: StoredStatementResult[]; transaction_ids: string[] }> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const results: StoredStatementResult[] = []
    const transactionIds: string[] = []
    for (const statement of input.statements) {
      const result: StoredStatementResult = {
        id: null,
        bank_account_id: statement.bank_account_id,
        transactions_in_file: statement.rows.length,
        transactions_added: 0,
        duplicates_skipped: statement.rows.length,
        entries_skipped: statement.entries_skipped,
      }
      results.push(result)
      if (!statement.rows.length) {
        continue
      }
      const statementId = bulkEntityId("bbst")
      await bulkInsert(
        manager,
        "billing_bank_statement",
        [
          {
            id: statementId,
            bank_account_id: statement.bank_account_id,
            source: input.source,
            file_name: input.file_name,
            file_sha256: input.file_sha256,
            format: input.format,
            message_id: statement.message_id,
            statement_reference: statement.statement_reference,
            currency_code: statement.currency_code,
            from_date: statement.from_date,
            to_date: statement.to_date,
            opening_balance: statement.opening_balance,
            closing_balance: statement.closing_balance,
            transactions_in_file: statement.rows.length,
            transactions_added: 0,
            duplicates_skipped: 0,
            entries_skipped: statement.entries_skipped,
          },
        ],
        { bigNumbers: ["opening_balance", "closing_balance"] }
      )
      // The dedupe index decides what is new, also against an import running at the same time.
      const inserted = await bulkInsert<{ id: string }>(
        manager,
        "billing_bank_transaction",
        statement.rows.map((row) => ({ id: bulkEntityId("bbtx"), bank_account_id: statement.bank_account_id, statement_id: statementId, status: "new", ...row })),
        {
          bigNumbers: ["amount", "fee_amount"],
          onConflict: "ON CONFLICT (bank_account_id, dedupe_key) WHERE deleted_at IS NULL DO NOTHING",
          returning: ["id"],
        }
      )
      if (!inserted.length) {
        // Nothing new: the statement is not kept either.
        await manager.execute(`DELETE FROM billing_bank_statement WHERE id = ?`, [statementId])
        continue
      }
      result.id = statementId
      result.transactions_added = inserted.length
      result.duplicates_skipped = statement.rows.length - inserted.length
      await manager.execute(`UPDATE billing_bank_statement SET transactions_added = ?, duplicates_skipped = ? WHERE id = ?`, [
        inserted.length,
        result.duplicates_skipped,
        statementId,
      ])
      transactionIds.push(...inserted.map((row) => row.id))
    }
    return { statements: results, transaction_ids: transactionIds }
  }

  /** Removes statements an import stored and whose transactions nobody has worked on (an import's compensation). */
  @InjectTransactionManager()
  async removeImportedStatements(statementIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    if (!statementIds.length) {
      return
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    await manager.execute(`DELETE FROM billing_bank_transaction WHERE statement_id IN (?) AND status = 'new'`, [statementIds])
    await manager.execute(
      `DELETE FROM billing_bank_statement s WHERE s.id IN (?) AND NOT EXISTS (SELECT 1 FROM billing_bank_transaction t WHERE t.statement_id = s.id)`,
      [statementIds]
    )
  }

  /** Transactions in one of the statuses (optionally only these ids), in statement order. */
  @InjectManager()
  async transactionsInStatus(
    filter: { statuses: StoredBankTransaction["status"][]; ids?: string[] | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<StoredBankTransaction[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const conditions = ["t.deleted_at IS NULL", "t.status IN (?)"]
    const params: unknown[] = [filter.statuses]
    if (filter.ids) {
      if (!filter.ids.length) {
        return []
      }
      conditions.push("t.id IN (?)")
      params.push(filter.ids)
    }
    const rows = (await manager.execute(
      `SELECT ${TRANSACTION_COLUMNS} FROM billing_bank_transaction t WHERE ${conditions.join(" AND ")}
        ORDER BY t.booking_date, t.statement_id, t.entry_index, t.transaction_index`,
      params
    )) as StoredBankTransaction[]
    return rows.map(normaliseTransaction)
  }

  /** Known IBAN → the customers it has paid for. */
  @InjectManager()
  async knownIbans(@MedusaContext() sharedContext: Context = {}): Promise<Map<string, string[]>> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows = (await manager.execute(
      `SELECT iban, array_agg(customer_id ORDER BY customer_id) AS customer_ids FROM billing_bank_known_iban WHERE deleted_at IS NULL GROUP BY iban`
    )) as { iban: string; customer_ids: string[] }[]
    return new Map(rows.map((row) => [row.iban, row.customer_ids]))
  }

  /**
   * What a return or reversal may take back: credit transactions with one of these end-to-end ids, mandates or
   * counterparty IBANs, or whose booking settled a collection with one of the end-to-end ids (a batch credit
   * books one allocation per collection), with the standing allocations of their bookings.
   */
  @InjectManager()
  async returnCandidates(
    filter: { end_to_end_ids: string[]; mandate_ids: string[]; counterparty_ibans: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ transactions: StoredBankTransaction[]; allocations: AllocationToPost[] }> {
    const manager = sharedContext.manager as SqlEntityManager
    const settling = filter.end_to_end_ids.length
      ? ((await manager.execute(
          `SELECT DISTINCT a.transaction_id FROM billing_bank_allocation a JOIN billing_bank_booking b ON b.id = a.booking_id
            WHERE a.end_to_end_id IN (?) AND a.deleted_at IS NULL AND a.reversed_at IS NULL AND b.reversed_at IS NULL AND b.deleted_at IS NULL`,
          [filter.end_to_end_ids]
        )) as { transaction_id: string }[]).map((row) => row.transaction_id)
      : []
    const or: string[] = []
    const params: unknown[] = []
    for (const [column, values] of [
      ["end_to_end_id", filter.end_to_end_ids],
      ["mandate_id", filter.mandate_ids],
      ["counterparty_iban", filter.counterparty_ibans],
      ["id", settling],
    ] as const) {
      if (values.length) {
        or.push(`t.${column} IN (?)`)
        params.push(values)
      }
    }
    if (!or.length) {
      return { transactions: [], allocations: [] }
    }
    const transactions = (
      (await manager.execute(
        `SELECT ${TRANSACTION_COLUMNS} FROM billing_bank_transaction t
          WHERE t.deleted_at IS NULL AND t.kind = 'payment' AND (${or.join(" OR ")})
          ORDER BY t.booking_date DESC, t.id DESC`,
        params
      )) as StoredBankTransaction[]
    ).map(normaliseTransaction)
    const allocations = (await this.standingAllocations(transactions.map((t) => t.id), sharedContext)).filter((a) => a.kind !== "fee")
    return { transactions, allocations }
  }

  /** The allocations of the transactions' standing bookings (what "unmatch" reverses). */
  @InjectManager()
  async standingAllocations(transactionIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<AllocationToPost[]> {
    if (!transactionIds.length) {
      return []
    }
    const manager = sharedContext.manager as SqlEntityManager
    const rows = (await manager.execute(
      `SELECT ${ALLOCATION_COLUMNS}
         FROM billing_bank_allocation a
         JOIN billing_bank_booking b ON b.id = a.booking_id
         JOIN billing_bank_transaction t ON t.id = a.transaction_id
        WHERE a.deleted_at IS NULL AND a.reversed_at IS NULL AND b.reversed_at IS NULL AND b.deleted_at IS NULL AND a.transaction_id IN (?)
        ORDER BY a.transaction_id, a.position`,
      [transactionIds]
    )) as AllocationToPost[]
    return rows.map(normaliseAllocation)
  }

  /** Allocations of these bookings, and these allocations, with what posting them needs. */
  @InjectManager()
  async allocationsOf(filter: { booking_ids?: string[]; allocation_ids?: string[] }, @MedusaContext() sharedContext: Context = {}): Promise<AllocationToPost[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const result: AllocationToPost[] = []
    for (const [column, ids] of [
      ["a.booking_id", filter.booking_ids ?? []],
      ["a.id", filter.allocation_ids ?? []],
    ] as const) {
      for (let i = 0; i < ids.length; i += 5000) {
        const rows = (await manager.execute(
          `SELECT ${ALLOCATION_COLUMNS}
             FROM billing_bank_allocation a
             JOIN billing_bank_booking b ON b.id = a.booking_id
             JOIN billing_bank_transaction t ON t.id = a.transaction_id
            WHERE ${column} IN (?) AND a.deleted_at IS NULL`,
          [ids.slice(i, i + 5000)]
        )) as AllocationToPost[]
        result.push(...rows.map(normaliseAllocation))
      }
    }
    return result
  }

  /**
   * Writes what matching or an admin decided, in one transaction: transaction statuses (each only if the
   * transaction is still in an expected status — otherwise someone else decided first and nothing is written),
   * new bookings with their allocations (the partial unique index refuses a second standing booking of a
   * transaction), reversed allocations (a booking whose allocations are all reversed is reversed), and IBANs
   * learned. Nothing is posted here: `postableBankWork` lists what the ledger still needs.
   */
  @InjectTransactionManager()
  async applyBankDecisions(
    input: {
      updates: TransactionUpdate[]
      bookings: NewBooking[]
      reversals: AllocationReversal[]
      known_ibans: { iban: string; customer_id: string; transaction_id: string }[]
    },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<AppliedBankDecisions> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const applied: AppliedBankDecisions = { booking_ids: [], reversed_allocation_ids: [], reversed_booking_ids: [], previous: [], known_iban_ids: [] }
    if (input.updates.length) {
      const ids = input.updates.map((u) => u.id)
      for (let i = 0; i < ids.length; i += 5000) {
        const rows = (await manager.execute(
          `SELECT id, status, confidence, customer_id, suggestions, note, returns_transaction_id FROM billing_bank_transaction WHERE id IN (?) FOR UPDATE`,
          [ids.slice(i, i + 5000)]
        )) as (Omit<TransactionUpdate, "expect"> & { status: StoredBankTransaction["status"] })[]
        applied.previous.push(...rows)
      }
      const current = new Map(applied.previous.map((row) => [row.id, row.status]))
      for (const update of input.updates) {
        const status = current.get(update.id)
        if (!status) {
          throw new MedusaError(MedusaError.Types.NOT_FOUND, `bank transaction "${update.id}" was not found`)
        }
        if (!update.expect.includes(status)) {
          throw new MedusaError(
            MedusaError.Types.NOT_ALLOWED,
            `bank transaction "${update.id}" is ${status} now (expected ${update.expect.join(" or ")}); reload it and try again`
          )
        }
      }
      await manager.execute(
        `UPDATE billing_bank_transaction t
            SET status = u.status,
                confidence = CASE WHEN u.set_match THEN u.confidence ELSE t.confidence END,
                customer_id = CASE WHEN u.set_customer THEN u.customer_id ELSE t.customer_id END,
                suggestions = CASE WHEN u.set_match THEN u.suggestions ELSE t.suggestions END,
                note = u.note,
                returns_transaction_id = COALESCE(u.returns_transaction_id, t.returns_transaction_id),
                matched_at = now(), updated_at = now()
           FROM jsonb_to_recordset(?::jsonb) AS u(id text, status text, set_match boolean, set_customer boolean, confidence double precision, customer_id text,
                                                 suggestions jsonb, note text, returns_transaction_id text)
          WHERE t.id = u.id`,
        [
          JSON.stringify(
            input.updates.map((u) => ({
              id: u.id,
              status: u.status,
              set_match: u.confidence !== undefined,
              set_customer: u.customer_id !== undefined,
              confidence: u.confidence ?? null,
              customer_id: u.customer_id ?? null,
              suggestions: u.suggestions ?? null,
              note: u.note ?? null,
              returns_transaction_id: u.returns_transaction_id ?? null,
            }))
          ),
        ]
      )
    }

    if (input.reversals.length) {
      const now = new Date().toISOString()
      for (const reversal of input.reversals) {
        if (!reversal.allocation_ids.length) {
          continue
        }
        const rows = (await manager.execute(
          `UPDATE billing_bank_allocation SET reversed_at = ?, reversed_by_transaction_id = ?, reversed_by = ?, reversal_reason = ?,
                  reversal_booking_date = ?, updated_at = now()
            WHERE id IN (?) AND reversed_at IS NULL AND deleted_at IS NULL RETURNING id`,
          [now, reversal.reversed_by_transaction_id, reversal.reversed_by, reversal.reason, reversal.booking_date, reversal.allocation_ids]
        )) as { id: string }[]
        if (rows.length !== reversal.allocation_ids.length) {
          throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `a booking to reverse was reversed meanwhile (allocations ${reversal.allocation_ids.join(", ")})`)
        }
        applied.reversed_allocation_ids.push(...rows.map((row) => row.id))
      }
      const reversedBookings = !applied.reversed_allocation_ids.length ? [] : ((await manager.execute(
        `UPDATE billing_bank_booking b SET reversed_at = now(), reversal_reason = a.reason, updated_at = now()
           FROM (SELECT booking_id, MIN(reversal_reason) AS reason FROM billing_bank_allocation WHERE id IN (?) GROUP BY booking_id) a
          WHERE b.id = a.booking_id AND b.reversed_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM billing_bank_allocation o WHERE o.booking_id = b.id AND o.reversed_at IS NULL AND o.deleted_at IS NULL)
          RETURNING b.id`,
        [applied.reversed_allocation_ids]
      )) as { id: string }[])
      applied.reversed_booking_ids.push(...reversedBookings.map((row) => row.id))
    }

    if (input.bookings.length) {
      // A transaction that was "new" has never been booked: its booking is the first (seq 0).
      const fresh = new Set(applied.previous.filter((row) => row.status === "new").map((row) => row.id))
      const transactionIds = input.bookings.map((b) => b.transaction_id).filter((id) => !fresh.has(id))
      const seqs = new Map<string, number>()
      for (let i = 0; i < transactionIds.length; i += 5000) {
        const rows = (await manager.execute(
          `SELECT transaction_id, MAX(seq) AS seq FROM billing_bank_booking WHERE transaction_id IN (?) GROUP BY transaction_id`,
          [transactionIds.slice(i, i + 5000)]
        )) as { transaction_id: string; seq: number }[]
        rows.forEach((row) => seqs.set(row.transaction_id, Number(row.seq) + 1))
      }
      const bookingRows = input.bookings.map((booking) => ({
        id: bulkEntityId("bbbk"),
        transaction_id: booking.transaction_id,
        seq: seqs.get(booking.transaction_id) ?? 0,
        kind: booking.kind,
        customer_id: booking.customer_id,
        created_by: booking.created_by,
        posted_at: null,
        reversed_at: null,
        reversal_reason: null,
      }))
      try {
        await bulkInsert(manager, "billing_bank_booking", bookingRows)
      } catch (error) {
        if (error instanceof MedusaError && error.type === MedusaError.Types.DUPLICATE_ERROR) {
          throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `a bank transaction of this decision is booked already: ${error.message}`)
        }
        throw error
      }
      await bulkInsert(
        manager,
        "billing_bank_allocation",
        input.bookings.flatMap((booking, i) =>
          booking.allocations.map((allocation, position) => ({
            id: bulkEntityId("bbal"),
            booking_id: bookingRows[i].id,
            transaction_id: booking.transaction_id,
            position,
            ...allocation,
            reversed_at: null,
            reversed_by_transaction_id: null,
            reversed_by: null,
            reversal_reason: null,
            reversal_booking_date: null,
            reversal_posted_at: null,
          }))
        ),
        { bigNumbers: ["amount", "write_off_amount"] }
      )
      applied.booking_ids.push(...bookingRows.map((row) => row.id))
    }

    if (input.known_ibans.length) {
      const learned = [...new Map(input.known_ibans.map((k) => [`${k.iban}|${k.customer_id}`, k])).values()]
      const rows = await bulkInsert<{ id: string }>(
        manager,
        "billing_bank_known_iban",
        learned.map((k) => ({ id: bulkEntityId("bkib"), iban: k.iban, customer_id: k.customer_id, source: "booking", last_transaction_id: k.transaction_id })),
        { onConflict: "ON CONFLICT (iban, customer_id) WHERE deleted_at IS NULL DO NOTHING", returning: ["id"] }
      )
      applied.known_iban_ids.push(...rows.map((row) => row.id))
    }
    return applied
  }

  /**
   * Takes back what `applyBankDecisions` wrote when the ledger refused to post it (a workflow compensation):
   * bookings not posted yet are deleted, reversals not posted yet are undone, statuses restored.
   */
  @InjectTransactionManager()
  async revertBankDecisions(applied: AppliedBankDecisions, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    if (applied.booking_ids.length) {
      const unposted = (await manager.execute(`SELECT id FROM billing_bank_booking WHERE id IN (?) AND posted_at IS NULL`, [applied.booking_ids])) as {
        id: string
      }[]
      const ids = unposted.map((row) => row.id)
      if (ids.length) {
        await manager.execute(`DELETE FROM billing_bank_allocation WHERE booking_id IN (?)`, [ids])
        await manager.execute(`DELETE FROM billing_bank_booking WHERE id IN (?)`, [ids])
      }
    }
    if (applied.reversed_allocation_ids.length) {
      await manager.execute(
        `UPDATE billing_bank_allocation SET reversed_at = NULL, reversed_by_transaction_id = NULL, reversed_by = NULL, reversal_reason = NULL,
                reversal_booking_date = NULL, updated_at = now()
          WHERE id IN (?) AND reversal_posted_at IS NULL`,
        [applied.reversed_allocation_ids]
      )
      if (applied.reversed_booking_ids.length) {
        await manager.execute(
          `UPDATE billing_bank_booking b SET reversed_at = NULL, reversal_reason = NULL, updated_at = now()
            WHERE b.id IN (?) AND EXISTS (SELECT 1 FROM billing_bank_allocation a WHERE a.booking_id = b.id AND a.reversed_at IS NULL)`,
          [applied.reversed_booking_ids]
        )
      }
    }
    if (applied.known_iban_ids.length) {
      await manager.execute(`DELETE FROM billing_bank_known_iban WHERE id IN (?)`, [applied.known_iban_ids])
    }
    if (applied.previous.length) {
      await manager.execute(
        `UPDATE billing_bank_transaction t
            SET status = p.status, confidence = p.confidence, customer_id = p.customer_id, suggestions = p.suggestions, note = p.note,
                returns_transaction_id = p.returns_transaction_id, updated_at = now()
           FROM jsonb_to_recordset(?::jsonb) AS p(id text, status text, confidence double precision, customer_id text, suggestions jsonb,
                                                 note text, returns_transaction_id text)
          WHERE t.id = p.id`,
        [JSON.stringify(applied.previous)]
      )
    }
  }

  /**
   * What the ledger still needs: allocations of bookings not posted yet, and reversed allocations whose reversal
   * is not posted yet — after a crash between writing and posting, too. Posting them is idempotent.
   */
  @InjectManager()
  async postableBankWork(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ unposted_booking_ids: string[]; allocations: AllocationToPost[]; reversals: AllocationToPost[] }> {
    const manager = sharedContext.manager as SqlEntityManager
    const bookings = (await manager.execute(
      `SELECT id FROM billing_bank_booking WHERE posted_at IS NULL AND deleted_at IS NULL ORDER BY id`
    )) as { id: string }[]
    const bookingIds = bookings.map((row) => row.id)
    const allocations: AllocationToPost[] = []
    for (let i = 0; i < bookingIds.length; i += 5000) {
      const rows = (await manager.execute(
        `SELECT ${ALLOCATION_COLUMNS}
           FROM billing_bank_allocation a
           JOIN billing_bank_booking b ON b.id = a.booking_id
           JOIN billing_bank_transaction t ON t.id = a.transaction_id
          WHERE a.booking_id IN (?) AND a.deleted_at IS NULL
          ORDER BY a.booking_id, a.position`,
        [bookingIds.slice(i, i + 5000)]
      )) as AllocationToPost[]
      allocations.push(...rows.map(normaliseAllocation))
    }
    const reversals = (
      (await manager.execute(
        `SELECT ${ALLOCATION_COLUMNS}
           FROM billing_bank_allocation a
           JOIN billing_bank_booking b ON b.id = a.booking_id
           JOIN billing_bank_transaction t ON t.id = a.transaction_id
          WHERE a.reversed_at IS NOT NULL AND a.reversal_posted_at IS NULL AND a.deleted_at IS NULL
          ORDER BY a.booking_id, a.position`
      )) as AllocationToPost[]
    ).map(normaliseAllocation)
    return { unposted_booking_ids: bookingIds, allocations, reversals }
  }

  /** Records that the ledger has the postings of these bookings and the reversals of these allocations. */
  @InjectTransactionManager()
  async markBankWorkPosted(
    input: { booking_ids: string[]; reversed_allocation_ids: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    for (let i = 0; i < input.booking_ids.length; i += 5000) {
      await manager.execute(`UPDATE billing_bank_booking SET posted_at = now(), updated_at = now() WHERE id IN (?) AND posted_at IS NULL`, [
        input.booking_ids.slice(i, i + 5000),
      ])
    }
    for (let i = 0; i < input.reversed_allocation_ids.length; i += 5000) {
      await manager.execute(
        `UPDATE billing_bank_allocation SET reversal_posted_at = now(), updated_at = now() WHERE id IN (?) AND reversal_posted_at IS NULL`,
        [input.reversed_allocation_ids.slice(i, i + 5000)]
      )
    }
  }
}

function normaliseTransaction(row: StoredBankTransaction): StoredBankTransaction {
  return {
    ...row,
    amount: fixed(row.amount) as string,
    fee_amount: fixed(row.fee_amount),
    confidence: row.confidence === null ? null : Number(row.confidence),
    entry_index: Number(row.entry_index),
    transaction_index: Number(row.transaction_index),
  }
}

function normaliseAllocation(row: AllocationToPost): AllocationToPost {
  return { ...row, booking_seq: Number(row.booking_seq), position: Number(row.position), amount: fixed(row.amount) as string, write_off_amount: fixed(row.write_off_amount) ?? "0.00" }
}

/** Numeric columns come back as "119" or "119.5"; amounts travel with two decimals. */
function fixed(value: string | null): string | null {
  if (value === null || value === undefined) {
    return null
  }
  const [whole, fraction = ""] = String(value).split(".")
  return `${whole}.${fraction.padEnd(2, "0")}`
}

export default BillingPaymentModuleService
