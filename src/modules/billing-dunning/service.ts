import { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { DunningOptions, DunningOptionsError, resolveDunningOptions } from "../../domain/dunning/options"
import { bulkInsert } from "../../utils/bulk-insert"
import { bulkEntityId } from "../../utils/entity-id"
import Notice from "./models/notice"

/** A notice as the dunning run decides it, before it has an id. */
export interface NewDunningNotice {
  invoice_id: string
  invoice_number: string
  invoice_issue_date: string
  invoice_due_date: string
  invoice_total: string
  customer_id: string
  currency_code: string
  locale: "de" | "en"
  level: number
  notice_date: string
  payment_deadline: string
  open_amount: string
  fee: string
  total: string
  title: string
  subject: string
  text: string
  trigger: "schedule" | "admin"
}

export interface BillingDunningModuleOptions {
  /** See docs/dunning.md: levels with days after the due date and fees, texts per locale, minimum amount, gap. */
  dunning?: unknown
}

const AMOUNTS = ["invoice_total", "open_amount", "fee", "total"] as const

/** Reminder notices of overdue invoices, at most one per invoice and level. */
class BillingDunningModuleService extends MedusaService({ BillingDunningNotice: Notice }) {
  protected readonly dunning_: DunningOptions

  constructor(container: Record<string, unknown>, options: BillingDunningModuleOptions = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...(arguments as unknown as [Record<string, unknown>]))
    try {
      this.dunning_ = resolveDunningOptions(options?.dunning)
    } catch (error) {
      // A wrong option stops the app at start, naming the option, rather than at 06:00 in the job.
      if (error instanceof DunningOptionsError) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `medusa-subscription-billing plugin option ${error.message}`)
      }
      throw error
    }
  }

  /** The resolved `dunning` plugin option (defaults filled in). */
  dunningOptions(): DunningOptions {
    return this.dunning_
  }

  /**
   * Writes the notices that do not exist yet (by invoice and level) and returns only those: a notice another
   * process or an earlier run wrote already is left alone, so whoever gets a row back is its only sender.
   */
  @InjectTransactionManager()
  async createNoticesOnce(notices: NewDunningNotice[], @MedusaContext() sharedContext: Context = {}): Promise<{ id: string; invoice_id: string; level: number }[]> {
    if (!notices.length) {
      return []
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    return bulkInsert<{ id: string; invoice_id: string; level: number }>(
      manager,
      "billing_dunning_notice",
      notices.map((notice) => ({ id: bulkEntityId("bdnt"), ...notice, document_file_id: null, delivered_at: null })),
      {
        bigNumbers: AMOUNTS,
        onConflict: "ON CONFLICT (invoice_id, level) WHERE deleted_at IS NULL DO NOTHING",
        returning: ["id", "invoice_id", "level"],
      }
    )
  }

  /** Per invoice, its highest notice so far (level and date). */
  @InjectManager()
  async latestNotices(invoiceIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<{ invoice_id: string; level: number; notice_date: string }[]> {
    if (!invoiceIds.length) {
      return []
    }
    const manager = sharedContext.manager as SqlEntityManager
    return (await manager.execute(
      `SELECT DISTINCT ON (invoice_id) invoice_id, level, notice_date FROM billing_dunning_notice
        WHERE deleted_at IS NULL AND invoice_id IN (?)
        ORDER BY invoice_id, level DESC`,
      [invoiceIds]
    )) as { invoice_id: string; level: number; notice_date: string }[]
  }

  /** Attaches the stored PDF unless another process attached one first; true when this call attached it. */
  @InjectTransactionManager()
  async attachDocument(noticeId: string, fileId: string, @MedusaContext() sharedContext: Context = {}): Promise<boolean> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const rows = (await manager.execute(
      `UPDATE billing_dunning_notice SET document_file_id = ?, updated_at = now()
        WHERE id = ? AND document_file_id IS NULL AND deleted_at IS NULL RETURNING id`,
      [fileId, noticeId]
    )) as { id: string }[]
    return rows.length > 0
  }

  /** Marks notices done (fee booked, PDF stored, mail sent or given up); returns the ones this call marked. */
  @InjectTransactionManager()
  async markDelivered(noticeIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    if (!noticeIds.length) {
      return []
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const rows = (await manager.execute(
      `UPDATE billing_dunning_notice SET delivered_at = now(), updated_at = now()
        WHERE id IN (?) AND delivered_at IS NULL AND deleted_at IS NULL RETURNING id`,
      [noticeIds]
    )) as { id: string }[]
    return rows.map((row) => row.id)
  }
}

export default BillingDunningModuleService
