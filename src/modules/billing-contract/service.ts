import { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { bulkInsert } from "../../utils/bulk-insert"
import { bulkEntityId } from "../../utils/entity-id"
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
      [bulkEntityId("bcns"), projectId, count]
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
    const inserted = await bulkInsert<{ id: string }>(
      manager,
      "billing_activity",
      rows.map((row) => ({ id: bulkEntityId("bact"), ...row })),
      {
        bigNumbers: ["quantity", "unit_price", "amount"],
        onConflict: "ON CONFLICT (contract_item_id, kind, service_from, seq) WHERE deleted_at IS NULL AND contract_item_id IS NOT NULL DO NOTHING",
        returning: ["id"],
      }
    )
    return inserted.length
  }

  /**
   * The billing calendar's keyset page: contracts after `after` (id order) that are running or were, whose
   * watermark is unset or due by `asOf`, with their items and every activity of those items — plain rows
   * read with three statements, no ORM entities.
   */
  @InjectManager()
  async calendarPage(
    input: { as_of: string; after: string; limit: number; contract_ids: string[] | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CalendarPageContract[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const contracts = (await manager.execute(
      `SELECT id, number, currency_code, start_date, end_date, interval_count, interval_unit, billing_mode, billed_until,
              updated_at::text AS version
         FROM billing_contract
        WHERE deleted_at IS NULL AND status IN ('active', 'cancelled', 'ended') AND id > ?
          AND (next_due_date IS NULL OR next_due_date <= ?) ${input.contract_ids ? "AND id IN (?)" : ""}
        ORDER BY id LIMIT ?`,
      input.contract_ids ? [input.after, input.as_of, input.contract_ids, input.limit] : [input.after, input.as_of, input.limit]
    )) as Omit<CalendarPageContract, "items" | "activities">[]
    if (!contracts.length) {
      return []
    }
    const ids = contracts.map((c) => c.id)
    const items = (await manager.execute(
      `SELECT id, contract_id, article_id, quantity, valid_from, valid_to, billing_from, raw_custom_unit_price->>'value' AS custom_unit_price
         FROM billing_contract_item WHERE deleted_at IS NULL AND contract_id IN (?) ORDER BY id`,
      [ids]
    )) as (CalendarPageContract["items"][number] & { contract_id: string })[]
    const activities = (await manager.execute(
      `SELECT contract_id, contract_item_id, service_from, service_to, raw_quantity->>'value' AS quantity, kind
         FROM billing_activity WHERE deleted_at IS NULL AND contract_id IN (?) AND contract_item_id IS NOT NULL`,
      [ids]
    )) as (CalendarPageContract["activities"][number] & { contract_id: string })[]
    const byContract = new Map(contracts.map((c) => [c.id, { ...c, items: [], activities: [] } as CalendarPageContract]))
    for (const { contract_id, ...item } of items) {
      byContract.get(contract_id)!.items.push({ ...item, quantity: Number(item.quantity) })
    }
    for (const { contract_id, ...activity } of activities) {
      byContract.get(contract_id)!.activities.push(activity)
    }
    return [...byContract.values()]
  }

  /**
   * Stores the billing run's watermarks — only where the contract is still the version the run computed
   * from (`version` = its `updated_at` then): a contract changed meanwhile keeps no watermark and is
   * recomputed by the next run. Returns how many were stored.
   */
  @InjectTransactionManager()
  async setNextDueDates(
    rows: { id: string; next_due_date: string; version: string }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    if (!rows.length) {
      return 0
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const updated = (await manager.execute(
      `UPDATE billing_contract AS c SET next_due_date = v.next_due_date
         FROM jsonb_to_recordset(?::jsonb) AS v(id text, next_due_date text, version text)
        WHERE c.id = v.id AND c.updated_at::text = v.version AND c.next_due_date IS DISTINCT FROM v.next_due_date
        RETURNING c.id`,
      [JSON.stringify(rows)]
    )) as { id: string }[]
    return updated.length
  }

  /**
   * The billing step's keyset page: contracts after `after` with unbilled activities due by `asOf`, and
   * those activities, as plain rows.
   */
  @InjectManager()
  async unbilledPage(
    input: { as_of: string; after: string; limit: number; contract_ids: string[] | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ contracts: UnbilledContract[]; activities: UnbilledActivity[] }> {
    const manager = sharedContext.manager as SqlEntityManager
    const ids = await this.contractsWithUnbilledActivities(input.as_of, input.after, input.limit, input.contract_ids, sharedContext)
    if (!ids.length) {
      return { contracts: [], activities: [] }
    }
    const contracts = (await manager.execute(
      `SELECT id, number, project_id, customer_id, currency_code FROM billing_contract WHERE id IN (?) ORDER BY id`,
      [ids]
    )) as UnbilledContract[]
    const activities = (await manager.execute(
      `SELECT id, contract_id, article_id, description, kind, service_from, service_to,
              raw_quantity->>'value' AS quantity, raw_unit_price->>'value' AS unit_price, raw_amount->>'value' AS amount
         FROM billing_activity
        WHERE deleted_at IS NULL AND invoice_id IS NULL AND due_date <= ? AND contract_id IN (?)
        ORDER BY contract_id, id`,
      [input.as_of, ids]
    )) as UnbilledActivity[]
    return { contracts, activities }
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

export interface CalendarPageContract {
  id: string
  number: string
  currency_code: string
  start_date: string
  end_date: string | null
  interval_count: number
  interval_unit: "DAY" | "WEEK" | "MONTH" | "YEAR"
  billing_mode: "advance" | "arrears"
  billed_until: string | null
  /** The contract's updated_at as read; `setNextDueDates` stores a watermark only if it is unchanged. */
  version: string
  items: {
    id: string
    article_id: string
    quantity: number
    valid_from: string
    valid_to: string | null
    billing_from: string | null
    custom_unit_price: string | null
  }[]
  activities: { contract_item_id: string; service_from: string; service_to: string; quantity: string; kind: "charge" | "credit" }[]
}

export interface UnbilledContract {
  id: string
  number: string
  project_id: string
  customer_id: string
  currency_code: string
}

export interface UnbilledActivity {
  id: string
  contract_id: string
  article_id: string
  description: string | null
  kind: "charge" | "credit"
  service_from: string
  service_to: string
  quantity: string
  unit_price: string
  amount: string
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


export default BillingContractModuleService
