import { MedusaContainer } from "@medusajs/framework/types"
import { createWorkflow, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { BillingEvents } from "../../events"
import { runBankExclusively } from "./bank-lock"
import { matchBankTransactionsWorkflow, type MatchBankTransactionsResult } from "./match-bank-transactions-workflow"
import { importBankStatementStep, type ImportBankStatementInput, type ImportBankStatementResult } from "./steps/import-statement"

export type { ImportBankStatementInput, ImportBankStatementResult }

export const importBankStatementWorkflowId = "billing-import-bank-statement"

/** Stores a statement file's new transactions (all or nothing) and announces them. */
export const importBankStatementWorkflow = createWorkflow(importBankStatementWorkflowId, (input: WorkflowData<ImportBankStatementInput>) => {
  const imported = importBankStatementStep(input)
  emitEventStep({
    eventName: BillingEvents.BANK_STATEMENT_IMPORTED,
    data: transform({ imported, input }, ({ imported, input }) =>
      imported.transactions_added
        ? [
            {
              statement_ids: imported.statements.map((s) => s.id).filter(Boolean),
              file_name: imported.file_name,
              source: input.source,
              transactions_added: imported.transactions_added,
            },
          ]
        : []
    ),
  }).config({ name: "emit-bank-statement-imported" })
  return new WorkflowResponse(imported)
})

/**
 * Imports a statement file and matches what it brought, under the bank lock: the upload route, the folder job
 * and online-banking connectors all come through here. A failed matching run leaves the import in place (its
 * transactions stay "new" and the next run matches them).
 */
export async function importBankStatementExclusively(
  container: MedusaContainer,
  input: ImportBankStatementInput,
  waitSeconds?: number
): Promise<{ import: ImportBankStatementResult; matching: MatchBankTransactionsResult | null }> {
  return runBankExclusively(
    container,
    async () => {
      const { result: imported } = await importBankStatementWorkflow(container).run({ input })
      const matching = imported.transactions_added
        ? (await matchBankTransactionsWorkflow(container).run({ input: {} })).result
        : null
      return { import: imported, matching }
    },
    waitSeconds
  )
}
