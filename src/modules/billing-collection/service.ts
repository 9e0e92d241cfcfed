import { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MathBN, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import type { MandateAmendment } from "../../domain/sepa"
import { bulkInsert } from "../../utils/bulk-insert"
import { bulkEntityId } from "../../utils/entity-id"
import { mergeUnreportedAmendment } from "./amendment"
import Batch from "./models/batch"
import CardChargeAttempt from "./models/card-charge-attempt"
import CardPaymentMethod from "./models/card-payment-method"
import Collection from "./models/collection"
import CreditorSettings from "./models/creditor-settings"
import Mandate from "./models/mandate"

/** Plugin options this module reads (Medusa hands every module of the plugin the same options). */
export interface BillingCollectionModuleOptions {
  /** The SEPA creditor; the admin settings (`POST /admin/billing/sepa/creditor`) override it. */
  sepa?: {
    creditor_id?: string
    /** Default: `seller.name`. */
    creditor_name?: string
    /** Default: `seller.bank.iban` / `seller.bank.bic`. */
    creditor_iban?: string
    creditor_bic?: string | null
    /** Default: parsed from `seller.address_lines` ("Street 1", "10115 Berlin") and `seller.country_code`. */
    creditor_address?: { street_name?: string | null; building_number?: string | null; postal_code?: string | null; town_name: string; country_code: string }
    /** Calendar days between pre-notification and collection; default 14 (SEPA standard). */
    pre_notification_days?: number
  }
  /** Days after the first failed card charge on which it is retried; default [1, 3, 7]. */
  card_retry_days?: number[]
  seller?: { name?: string; address_lines?: string[]; country_code?: string; bank?: { iban?: string; bic?: string } | null }
}

/** A collection not settled yet, as the bank matching and dunning see it (the fixed collection interface). */
export interface OpenCollection {
  id: string
  invoice_id: string
  customer_id: string
  end_to_end_id: string
  mandate_reference: string
  collection_date: string
  amount: string
  currency_code: string
  status: "pending"
  batch_id: string
  batch_message_id: string
  payment_information_id: string
}

export interface OpenCollectionFilter {
  invoice_ids?: string[]
  end_to_end_ids?: string[]
  customer_ids?: string[]
}

export interface SettleCollectionInput {
  end_to_end_id: string
  bank_transaction_id: string
}

export interface ReturnCollectionInput {
  end_to_end_id: string
  bank_transaction_id: string
  return_reason: string | null
}

/** A new batch with its collections and what the batch changes on the mandates it uses. */
export interface RecordBatchInput {
  batch: {
    id: string
    message_id: string
    creation_date_time: string
    first_collection_date: string
    last_collection_date: string
    local_instrument: string
    transaction_count: number
    control_sum: string
    currency_code: string
    file_id: string | null
    file_name: string
    creditor_id: string
  }
  collections: {
    invoice_id: string
    invoice_number: string | null
    customer_id: string
    contract_id: string
    mandate_id: string
    mandate_reference: string
    end_to_end_id: string
    payment_information_id: string
    sequence_type: "FRST" | "RCUR" | "FNAL" | "OOFF"
    collection_date: string
    amount: string
    currency_code: string
    /** The mandate amendment the collection reports (restored to the mandate if the batch is cancelled). */
    amendment?: Record<string, unknown> | null
  }[]
  /** Per mandate: the latest collection date of this batch; the first use and pending amendment are recorded. */
  mandates: { id: string; last_collection_date: string }[]
}

/** The mandate columns a batch changes, to put back when its workflow is compensated. */
export interface MandateSequenceState {
  id: string
  first_collection_at: Date | string | null
  last_collection_date: string | null
  pending_amendment: Record<string, unknown> | null
}

/** Card contract charge state of one invoice, read by the charge job. */
export interface InvoiceChargeState {
  invoice_id: string
  attempts: number
  failed_attempts: number
  last_status: "processing" | "succeeded" | "failed" | null
  first_failed_at: Date | null
  next_attempt_at: Date | null
  gave_up: boolean
}

/**
 * SEPA direct debits (mandates, creditor, batches, collections) and card charges of the plugin. Batches and
 * their collections are written in one transaction; the partial unique index on a pending collection's
 * invoice makes "an invoice is collected at most once at a time" hold across processes.
 */
class BillingCollectionModuleService extends MedusaService({
  BillingSepaMandate: Mandate,
  BillingSepaCreditor: CreditorSettings,
  BillingSepaBatch: Batch,
  BillingSepaCollection: Collection,
  BillingCardPaymentMethod: CardPaymentMethod,
  BillingCardChargeAttempt: CardChargeAttempt,
}) {
  protected readonly options_: BillingCollectionModuleOptions

  constructor(container: Record<string, unknown>, options: BillingCollectionModuleOptions = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...(arguments as unknown as [Record<string, unknown>]))
    this.options_ = options ?? {}
  }

  /** The plugin options as given (validated where they are used: the creditor when a batch is built). */
  collectionOptions(): BillingCollectionModuleOptions {
    return this.options_
  }

  /** Collections not settled yet (status "pending" = in a generated batch, waiting for the money). */
  @InjectManager()
  async openCollections(filter: OpenCollectionFilter, @MedusaContext() sharedContext: Context = {}): Promise<OpenCollection[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const conditions = ["c.status = 'pending'", "c.deleted_at IS NULL"]
    const params: unknown[] = []
    for (const [key, column] of [
      ["invoice_ids", "c.invoice_id"],
      ["end_to_end_ids", "c.end_to_end_id"],
      ["customer_ids", "c.customer_id"],
    ] as const) {
      const values = filter[key]
      if (values) {
        if (!values.length) {
          return []
        }
        conditions.push(`${column} IN (?)`)
        params.push(values)
      }
    }
    const rows = (await manager.execute(
      `SELECT c.id, c.invoice_id, c.customer_id, c.end_to_end_id, c.mandate_reference, c.collection_date,
              c.amount::text AS amount, c.currency_code, c.status, c.batch_id, b.message_id AS batch_message_id,
              c.payment_information_id
         FROM billing_sepa_collection c
         JOIN billing_sepa_batch b ON b.id = c.batch_id
        WHERE ${conditions.join(" AND ")}
        ORDER BY c.collection_date, c.end_to_end_id`,
      params
    )) as OpenCollection[]
    return rows.map((row) => ({ ...row, amount: MathBN.convert(row.amount).toFixed(2), status: "pending" }))
  }

  /** The money arrived (matched camt credit): pending → "settled". Idempotent; returns how many changed. */
  @InjectTransactionManager()
  async settleCollections(input: SettleCollectionInput[], @MedusaContext() sharedContext: Context = {}): Promise<number> {
    if (!input.length) {
      return 0
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const rows = (await manager.execute(
      `UPDATE billing_sepa_collection c
          SET status = 'settled', bank_transaction_id = x.bank_transaction_id, settled_at = now(), updated_at = now()
         FROM jsonb_to_recordset(?::jsonb) AS x(end_to_end_id text, bank_transaction_id text)
        WHERE c.end_to_end_id = x.end_to_end_id AND c.status = 'pending' AND c.deleted_at IS NULL
        RETURNING c.id`,
      [JSON.stringify(input.map((i) => ({ end_to_end_id: i.end_to_end_id, bank_transaction_id: i.bank_transaction_id })))]
    )) as { id: string }[]
    return rows.length
  }

  /**
   * The debit came back (camt/MT940 return): "returned" with the reason. A return may follow the credit
   * (R-transactions arrive days after settlement, refunds up to 8 weeks), so pending and settled
   * collections both turn returned. Idempotent; returns how many changed.
   */
  @InjectTransactionManager()
  async returnCollections(input: ReturnCollectionInput[], @MedusaContext() sharedContext: Context = {}): Promise<number> {
    if (!input.length) {
      return 0
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const rows = (await manager.execute(
      `UPDATE billing_sepa_collection c
          SET status = 'returned', bank_transaction_id = x.bank_transaction_id, return_reason = x.return_reason,
              returned_at = now(), updated_at = now()
         FROM jsonb_to_recordset(?::jsonb) AS x(end_to_end_id text, bank_transaction_id text, return_reason text)
        WHERE c.end_to_end_id = x.end_to_end_id AND c.status IN ('pending', 'settled') AND c.deleted_at IS NULL
        RETURNING c.id`,
      [
        JSON.stringify(
          input.map((i) => ({ end_to_end_id: i.end_to_end_id, bank_transaction_id: i.bank_transaction_id, return_reason: i.return_reason }))
        ),
      ]
    )) as { id: string }[]
    return rows.length
  }

  /**
   * Of these invoices, the ones that must not be collected now: in a pending collection, or collected and
   * settled (the money is there even if the ledger has not booked it yet).
   */
  @InjectManager()
  async invoicesInCollection(invoiceIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<{ invoice_id: string; status: string }[]> {
    if (!invoiceIds.length) {
      return []
    }
    const manager = sharedContext.manager as SqlEntityManager
    return (await manager.execute(
      `SELECT DISTINCT invoice_id, status FROM billing_sepa_collection
        WHERE deleted_at IS NULL AND status IN ('pending', 'settled') AND invoice_id IN (?)`,
      [invoiceIds]
    )) as { invoice_id: string; status: string }[]
  }

  /** Per invoice: how many collections it has had (any status), which numbers the next end-to-end id. */
  @InjectManager()
  async collectionCounts(invoiceIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<Map<string, number>> {
    if (!invoiceIds.length) {
      return new Map()
    }
    const manager = sharedContext.manager as SqlEntityManager
    const rows = (await manager.execute(
      `SELECT invoice_id, count(*)::int AS count FROM billing_sepa_collection WHERE invoice_id IN (?) GROUP BY invoice_id`,
      [invoiceIds]
    )) as { invoice_id: string; count: number }[]
    return new Map(rows.map((row) => [row.invoice_id, row.count]))
  }

  /**
   * Writes a batch, its collections and the mandates' sequence state in one transaction. An invoice that is
   * already in a pending collection (a concurrent batch got it first) fails the whole batch with
   * NOT_ALLOWED naming the invoice, and nothing is written. Returns the mandates' previous state.
   */
  @InjectTransactionManager()
  async recordBatch(input: RecordBatchInput, @MedusaContext() sharedContext: Context = {}): Promise<MandateSequenceState[]> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const mandateIds = input.mandates.map((m) => m.id)
    // Row locks in id order: two batches touching the same mandates wait for each other instead of deadlocking.
    const previous = mandateIds.length
      ? ((await manager.execute(
          `SELECT id, first_collection_at, last_collection_date, pending_amendment FROM billing_sepa_mandate
            WHERE id IN (?) AND deleted_at IS NULL ORDER BY id FOR UPDATE`,
          [mandateIds]
        )) as MandateSequenceState[])
      : []
    await bulkInsert(manager, "billing_sepa_batch", [{ ...input.batch, status: "generated", submitted_at: null, cancelled_at: null }], {
      bigNumbers: ["control_sum"],
    })
    try {
      await manager.execute("SAVEPOINT billing_sepa_collections")
      await bulkInsert(
        manager,
        "billing_sepa_collection",
        input.collections.map((c) => ({
          id: bulkEntityId("bsco"),
          batch_id: input.batch.id,
          ...c,
          amendment: c.amendment ?? null,
          status: "pending",
          bank_transaction_id: null,
          return_reason: null,
          settled_at: null,
          returned_at: null,
          cancelled_at: null,
        })),
        { bigNumbers: ["amount"] }
      )
      await manager.execute("RELEASE SAVEPOINT billing_sepa_collections")
    } catch (error) {
      await manager.execute("ROLLBACK TO SAVEPOINT billing_sepa_collections")
      const taken = (await manager.execute(
        `SELECT invoice_id FROM billing_sepa_collection WHERE deleted_at IS NULL AND status = 'pending' AND invoice_id IN (?) ORDER BY invoice_id`,
        [input.collections.map((c) => c.invoice_id)]
      )) as { invoice_id: string }[]
      if (taken.length || (error as MedusaError).type === MedusaError.Types.DUPLICATE_ERROR) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `invoice_ids: ${taken.map((t) => t.invoice_id).join(", ") || "an invoice"} is already in a pending collection (another batch was generated at the same time); nothing was collected`
        )
      }
      throw error
    }
    if (input.mandates.length) {
      await manager.execute(
        `UPDATE billing_sepa_mandate m
            SET first_collection_at = COALESCE(m.first_collection_at, now()),
                last_collection_date = GREATEST(COALESCE(m.last_collection_date, x.last_collection_date), x.last_collection_date),
                pending_amendment = NULL, updated_at = now()
           FROM jsonb_to_recordset(?::jsonb) AS x(id text, last_collection_date text)
          WHERE m.id = x.id`,
        [JSON.stringify(input.mandates)]
      )
    }
    return previous
  }

  /** Compensation of `recordBatch`: removes the batch and its collections and puts the mandates back. */
  @InjectTransactionManager()
  async undoRecordBatch(batchId: string, mandates: MandateSequenceState[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    await manager.execute(`DELETE FROM billing_sepa_collection WHERE batch_id = ?`, [batchId])
    await manager.execute(`DELETE FROM billing_sepa_batch WHERE id = ?`, [batchId])
    if (mandates.length) {
      await manager.execute(
        `UPDATE billing_sepa_mandate m
            SET first_collection_at = x.first_collection_at, last_collection_date = x.last_collection_date,
                pending_amendment = x.pending_amendment, updated_at = now()
           FROM jsonb_to_recordset(?::jsonb) AS x(id text, first_collection_at timestamptz, last_collection_date text, pending_amendment jsonb)
          WHERE m.id = x.id`,
        [JSON.stringify(mandates)]
      )
    }
  }

  /**
   * Cancels a generated (not yet submitted) batch: its pending collections turn "cancelled", so their
   * invoices can be collected again. The bank never saw the file, so the mandates get back what it used up:
   * a mandate with no other collection is unused again (FRST next time), the amendments it would have
   * reported are pending again, and the last collection date is the latest of the remaining collections.
   * Returns how many collections were cancelled.
   */
  @InjectTransactionManager()
  async cancelBatch(batchId: string, @MedusaContext() sharedContext: Context = {}): Promise<number> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const [batch] = (await manager.execute(`SELECT id, status FROM billing_sepa_batch WHERE id = ? AND deleted_at IS NULL FOR UPDATE`, [batchId])) as {
      id: string
      status: string
    }[]
    if (!batch) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `SEPA batch ${batchId} was not found`)
    }
    if (batch.status !== "generated") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `status: SEPA batch ${batchId} is ${batch.status}; only a generated batch can be cancelled`)
    }
    const [{ count }] = (await manager.execute(
      `SELECT count(*)::int AS count FROM billing_sepa_collection WHERE batch_id = ? AND deleted_at IS NULL AND status <> 'pending'`,
      [batchId]
    )) as { count: number }[]
    if (count > 0) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `status: SEPA batch ${batchId} has ${count} settled or returned collections; the bank has processed it, it cannot be cancelled`
      )
    }
    const cancelled = (await manager.execute(
      `UPDATE billing_sepa_collection SET status = 'cancelled', cancelled_at = now(), updated_at = now()
        WHERE batch_id = ? AND status = 'pending' AND deleted_at IS NULL RETURNING id, mandate_id, amendment`,
      [batchId]
    )) as { id: string; mandate_id: string; amendment: MandateAmendment | null }[]
    await manager.execute(`UPDATE billing_sepa_batch SET status = 'cancelled', cancelled_at = now(), updated_at = now() WHERE id = ?`, [batchId])
    const mandateIds = [...new Set(cancelled.map((c) => c.mandate_id))].sort()
    if (mandateIds.length) {
      const mandates = (await manager.execute(
        `SELECT m.id, m.mandate_reference, m.debtor_iban, m.pending_amendment,
                (SELECT max(c.collection_date) FROM billing_sepa_collection c
                  WHERE c.mandate_id = m.id AND c.status <> 'cancelled' AND c.deleted_at IS NULL) AS last_collection_date
           FROM billing_sepa_mandate m WHERE m.id IN (?) ORDER BY m.id FOR UPDATE`,
        [mandateIds]
      )) as { id: string; mandate_reference: string; debtor_iban: string; pending_amendment: MandateAmendment | null; last_collection_date: string | null }[]
      const restored = mandates.map((m) => ({
        id: m.id,
        last_collection_date: m.last_collection_date,
        pending_amendment: mergeUnreportedAmendment(cancelled.find((c) => c.mandate_id === m.id && c.amendment)?.amendment ?? null, m.pending_amendment, m),
      }))
      await manager.execute(
        `UPDATE billing_sepa_mandate m
            SET last_collection_date = x.last_collection_date, pending_amendment = x.pending_amendment, updated_at = now(),
                first_collection_at = CASE WHEN x.last_collection_date IS NULL THEN NULL ELSE m.first_collection_at END
           FROM jsonb_to_recordset(?::jsonb) AS x(id text, last_collection_date text, pending_amendment jsonb)
          WHERE m.id = x.id`,
        [JSON.stringify(restored)]
      )
    }
    return cancelled.length
  }

  /** A generated batch was uploaded to the bank. Idempotent. */
  @InjectTransactionManager()
  async markBatchSubmitted(batchId: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const [batch] = (await manager.execute(`SELECT id, status FROM billing_sepa_batch WHERE id = ? AND deleted_at IS NULL FOR UPDATE`, [batchId])) as {
      id: string
      status: string
    }[]
    if (!batch) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `SEPA batch ${batchId} was not found`)
    }
    if (batch.status === "cancelled") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `status: SEPA batch ${batchId} is cancelled and cannot be submitted`)
    }
    if (batch.status === "generated") {
      await manager.execute(`UPDATE billing_sepa_batch SET status = 'submitted', submitted_at = now(), updated_at = now() WHERE id = ?`, [batchId])
    }
  }

  /** Per invoice: its card charge attempts so far (count, failures, the last one's state). */
  @InjectManager()
  async invoiceChargeStates(invoiceIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<InvoiceChargeState[]> {
    if (!invoiceIds.length) {
      return []
    }
    const manager = sharedContext.manager as SqlEntityManager
    const rows = (await manager.execute(
      `SELECT a.invoice_id,
              count(*)::int AS attempts,
              count(*) FILTER (WHERE a.status = 'failed')::int AS failed_attempts,
              min(a.attempted_at) FILTER (WHERE a.status = 'failed') AS first_failed_at,
              (array_agg(a.status ORDER BY a.attempt DESC))[1] AS last_status,
              (array_agg(a.next_attempt_at ORDER BY a.attempt DESC))[1] AS next_attempt_at,
              bool_or(a.gave_up) AS gave_up
         FROM billing_card_charge_attempt a
        WHERE a.deleted_at IS NULL AND a.invoice_id IN (?)
        GROUP BY a.invoice_id`,
      [invoiceIds]
    )) as InvoiceChargeState[]
    return rows
  }

  /**
   * Claims the next attempt number of an invoice for a charge ("processing"). Null when another process
   * claimed it at the same time or an attempt is still processing — the caller then charges nothing.
   */
  @InjectTransactionManager()
  async claimChargeAttempt(
    input: {
      invoice_id: string
      contract_id: string
      customer_id: string
      trigger: "schedule" | "manual"
      amount: string
      currency_code: string
      provider_id: string
      expected_attempt: number
      attempted_at: Date
    },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; attempt: number } | null> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const [{ last, processing }] = (await manager.execute(
      `SELECT COALESCE(max(attempt), 0)::int AS last, count(*) FILTER (WHERE status = 'processing')::int AS processing
         FROM billing_card_charge_attempt WHERE invoice_id = ? AND deleted_at IS NULL`,
      [input.invoice_id]
    )) as { last: number; processing: number }[]
    if (processing > 0 || last + 1 !== input.expected_attempt) {
      return null
    }
    const id = bulkEntityId("bcca")
    const { expected_attempt, attempted_at, ...row } = input
    const inserted = await bulkInsert<{ id: string }>(
      manager,
      "billing_card_charge_attempt",
      [
        {
          id,
          ...row,
          attempt: expected_attempt,
          status: "processing",
          payment_collection_id: null,
          payment_id: null,
          ledger_posting_key: null,
          error: null,
          attempted_at: attempted_at.toISOString(),
          finished_at: null,
          next_attempt_at: null,
          gave_up: false,
        },
      ],
      {
        bigNumbers: ["amount"],
        onConflict: "ON CONFLICT (invoice_id, attempt) WHERE deleted_at IS NULL DO NOTHING",
        returning: ["id"],
      }
    )
    return inserted.length ? { id, attempt: expected_attempt } : null
  }

  /** Records how a claimed attempt ended. Only a processing attempt changes (a finished one stays as it is). */
  @InjectTransactionManager()
  async finishChargeAttempt(
    input: {
      id: string
      status: "succeeded" | "failed"
      payment_collection_id: string | null
      payment_id: string | null
      ledger_posting_key: string | null
      error: string | null
      next_attempt_at: Date | null
      gave_up: boolean
    },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const rows = (await manager.execute(
      `UPDATE billing_card_charge_attempt
          SET status = ?, payment_collection_id = ?, payment_id = ?, ledger_posting_key = ?, error = ?,
              next_attempt_at = ?, gave_up = ?, finished_at = now(), updated_at = now()
        WHERE id = ? AND status = 'processing' AND deleted_at IS NULL RETURNING id`,
      [
        input.status,
        input.payment_collection_id,
        input.payment_id,
        input.ledger_posting_key,
        input.error,
        input.next_attempt_at ? input.next_attempt_at.toISOString() : null,
        input.gave_up,
        input.id,
      ]
    )) as { id: string }[]
    return rows.length > 0
  }

  /** Compensation of a claim that never reached the provider: the attempt number is free again. */
  @InjectTransactionManager()
  async releaseChargeAttempt(id: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    await manager.execute(`DELETE FROM billing_card_charge_attempt WHERE id = ? AND status = 'processing'`, [id])
  }
}

export default BillingCollectionModuleService
