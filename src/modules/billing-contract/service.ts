import { Context } from "@medusajs/framework/types"
import { InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
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
      [`bcns_${projectId}`, projectId, count]
    )) as { last_value: number }[]
    const last = Number(rows[0].last_value)
    return Array.from({ length: count }, (_, i) => `${prefix}${String(last - count + 1 + i).padStart(6, "0")}`)
  }
}

export default BillingContractModuleService
