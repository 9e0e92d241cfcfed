import { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService, generateEntityId } from "@medusajs/framework/utils"
import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import Activity from "./models/activity"
import Contract from "./models/contract"
import ContractItem from "./models/contract-item"
import ContractNumberSequence from "./models/contract-number-sequence"

class BillingContractModuleService extends MedusaService({
  BillingContract: Contract,
  BillingContractItem: ContractItem,
  BillingActivity: Activity,
  BillingContractNumberSequence: ContractNumberSequence,
}) {
  /**
   * Hands out the next contract number of a project (prefix + 6 digits). One atomic upsert, so two
   * processes creating contracts at the same moment get different numbers; a number of a creation that
   * is rolled back is simply not used again.
   */
  @InjectTransactionManager()
  async allocateContractNumbers(
    projectId: string,
    prefix: string,
    count: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const rows = (await manager.execute(
      `INSERT INTO billing_contract_number_sequence (id, project_id, last_value, created_at, updated_at)
       VALUES (?, ?, ?, now(), now())
       ON CONFLICT (project_id) WHERE deleted_at IS NULL DO UPDATE
         SET last_value = billing_contract_number_sequence.last_value + EXCLUDED.last_value, updated_at = now()
       RETURNING last_value`,
      [generateEntityId(undefined, "bcns"), projectId, count]
    )) as { last_value: number }[]
    const last = Number(rows[0].last_value)
    return Array.from({ length: count }, (_, i) => `${prefix}${String(last - count + 1 + i).padStart(6, "0")}`)
  }

  /**
   * Stores computed activities in one statement. The unique key (item, kind, service_from, seq) turns a
   * second run that computed the same activities into a no-op: conflicting rows are skipped, not duplicated.
   * Returns how many rows were really inserted.
   */
  @InjectTransactionManager()
  async insertActivities(rows: ActivityRow[], @MedusaContext() sharedContext: Context = {}): Promise<number> {
    if (!rows.length) {
      return 0
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const columns = ACTIVITY_COLUMNS
    const values = rows.map((row) => [
      generateEntityId(undefined, "bact"),
      ...columns.slice(1).map((column) => {
        const value = (row as unknown as Record<string, unknown>)[column]
        return column.startsWith("raw_") ? JSON.stringify({ value: String((row as unknown as Record<string, unknown>)[column.slice(4)]), precision: 20 }) : value ?? null
      }),
    ])
    const placeholders = values.map((v) => `(${v.map(() => "?").join(", ")}, now(), now())`).join(", ")
    const result = (await manager.execute(
      `INSERT INTO billing_activity (${columns.join(", ")}, created_at, updated_at) VALUES ${placeholders}
       ON CONFLICT (contract_item_id, kind, service_from, seq) WHERE deleted_at IS NULL AND contract_item_id IS NOT NULL DO NOTHING
       RETURNING id`,
      values.flat()
    )) as { id: string }[]
    return result.length
  }

  /** Ids of contracts (after `after`, in id order) with unbilled activities due by `asOf`: the billing run's keyset page. */
  @InjectManager()
  async contractsWithUnbilledActivities(
    asOf: string,
    after: string | null,
    limit: number,
    contractIds: string[] | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows = (await manager.execute(
      `SELECT DISTINCT contract_id FROM billing_activity
        WHERE deleted_at IS NULL AND invoice_id IS NULL AND due_date <= ? AND contract_id > ?
          ${contractIds ? "AND contract_id IN (?)" : ""}
        ORDER BY contract_id LIMIT ?`,
      contractIds ? [asOf, after ?? "", contractIds, limit] : [asOf, after ?? "", limit]
    )) as { contract_id: string }[]
    return rows.map((row) => row.contract_id)
  }

  /**
   * Marks activities as billed by their invoices — only those still unbilled (or already on that invoice);
   * returns how many it marked. One statement per call, joined on the primary key: a per-invoice UPDATE
   * with an OR condition was planned on the partial indexes with stale statistics and read every unbilled
   * activity each time (see docs/BENCHMARKS.md).
   */
  @InjectTransactionManager()
  async markActivitiesBilled(
    assignments: { invoice_id: string; activity_ids: string[] }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    const pairs = assignments.flatMap(({ invoice_id, activity_ids }) => activity_ids.map((id) => [id, invoice_id]))
    if (!pairs.length) {
      return 0
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    let marked = 0
    for (let i = 0; i < pairs.length; i += 5000) {
      const chunk = pairs.slice(i, i + 5000)
      const rows = (await manager.execute(
        `UPDATE billing_activity AS a SET invoice_id = v.invoice_id, billed_at = now(), updated_at = now()
           FROM (VALUES ${chunk.map(() => "(?, ?)").join(", ")}) AS v(id, invoice_id)
          WHERE a.id = v.id AND a.deleted_at IS NULL AND (a.invoice_id IS NULL OR a.invoice_id = v.invoice_id)
          RETURNING a.id`,
        chunk.flat()
      )) as { id: string }[]
      marked += rows.length
    }
    return marked
  }
}

export interface ActivityRow {
  contract_id: string
  contract_item_id: string | null
  article_id: string
  origin: "SUBSCRIPTION" | "ONE_TIME" | "USAGE" | "MANUAL"
  kind: "charge" | "credit"
  seq: number
  description: string | null
  period_start: string
  period_end: string
  service_from: string
  service_to: string
  due_date: string
  quantity: string
  unit_price: string
  amount: string
  currency_code: string
  price_variant_id: string | null
}

const ACTIVITY_COLUMNS = [
  "id",
  "contract_id",
  "contract_item_id",
  "article_id",
  "origin",
  "kind",
  "seq",
  "description",
  "period_start",
  "period_end",
  "service_from",
  "service_to",
  "due_date",
  "quantity",
  "raw_quantity",
  "unit_price",
  "raw_unit_price",
  "amount",
  "raw_amount",
  "currency_code",
  "price_variant_id",
]

export default BillingContractModuleService
