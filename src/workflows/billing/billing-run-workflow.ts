import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { compareDates } from "../../domain/calendar-date"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { BillingEvents } from "../../events"
import { BILLING_INVOICE_MODULE } from "../../modules/billing-invoice"
import BillingInvoiceModuleService from "../../modules/billing-invoice/service"
import { billDueActivitiesStep, BillResult } from "./steps/bill-due-activities"
import { createDueActivitiesStep, DueActivitiesResult } from "./steps/create-due-activities"
import { BillingRunInput } from "./types"

export interface BillingRunWorkflowInput extends BillingRunInput {
  /** Today's date where the run happens; a real run may not bill the future unless `allow_future` is set. */
  today: string
  allow_future?: boolean
}

const startBillingRunStep = createStep(
  "billing-start-run",
  async (input: BillingRunWorkflowInput, { container }) => {
    if (!input.dry_run && !input.allow_future && compareDates(input.as_of, input.today) > 0) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `as_of: ${input.as_of} is in the future; only a dry run may look ahead (or set the plugin option allow_future_billing_runs)`
      )
    }
    if (input.dry_run) {
      return new StepResponse(null, null)
    }
    const invoices = container.resolve<BillingInvoiceModuleService>(BILLING_INVOICE_MODULE)
    const run = await invoices.createBillingRuns({
      as_of: input.as_of,
      dry_run: false,
      trigger: input.trigger ?? "admin",
      status: "running",
      started_at: new Date(),
      filters: input.contract_ids ? { contract_ids: input.contract_ids } : null,
    })
    return new StepResponse(run.id, run.id)
  },
  async (runId, { container }) => {
    if (!runId) {
      return
    }
    await container
      .resolve<BillingInvoiceModuleService>(BILLING_INVOICE_MODULE)
      .updateBillingRuns({ id: runId, status: "failed", finished_at: new Date() })
  }
)

const finishBillingRunStep = createStep(
  "billing-finish-run",
  async (input: { run_id: string | null; activities: DueActivitiesResult; billing: BillResult }, { container }) => {
    const errors = [...input.activities.errors, ...input.billing.errors]
    if (input.run_id) {
      await container.resolve<BillingInvoiceModuleService>(BILLING_INVOICE_MODULE).updateBillingRuns({
        id: input.run_id,
        status: "completed",
        finished_at: new Date(),
        contracts_processed: input.activities.contracts_processed,
        activities_created: input.activities.activities_created,
        invoices_issued: input.billing.invoices_issued,
        errors: errors as unknown as Record<string, unknown>,
      })
    }
    return new StepResponse({
      run_id: input.run_id,
      contracts_processed: input.activities.contracts_processed,
      activities_created: input.activities.activities_created,
      invoices_issued: input.billing.invoices_issued,
      invoice_ids: input.billing.invoice_ids,
      errors,
      planned_activities: input.activities.planned,
      invoice_previews: input.billing.previews,
    })
  }
)

export const billingRunWorkflowId = "billing-run"

/**
 * The billing run: (a) due activities of every running contract up to `as_of`, (b) one invoice per contract
 * from its unbilled due activities, (c) issued and posted to the ledger. A dry run computes the same and
 * writes nothing — no run record, no activities, no numbers.
 */
export const billingRunWorkflow = createWorkflow(billingRunWorkflowId, (input: WorkflowData<BillingRunWorkflowInput>) => {
  const runId = startBillingRunStep(input)
  const activities = createDueActivitiesStep(input)
  const billing = billDueActivitiesStep(
    transform({ input, runId, activities }, ({ input, runId, activities }) => ({
      ...input,
      run_id: runId,
      // Documents are dated the day they are issued; only a sandbox run into the future dates them then.
      issue_date: compareDates(input.as_of, input.today) > 0 ? input.as_of : input.today,
      // A dry run bills what exists plus what it would have created.
      planned: activities.planned,
    }))
  )
  const summary = finishBillingRunStep(
    transform({ runId, activities, billing }, ({ runId, activities, billing }) => ({ run_id: runId, activities, billing }))
  )
  // Released only when the workflow succeeded: documents are rendered and mailed after the billing commit.
  emitEventStep({
    eventName: BillingEvents.INVOICE_ISSUED,
    data: transform({ summary }, ({ summary }) => summary.invoice_ids.map((id: string) => ({ id }))),
  }).config({ name: "emit-invoices-issued" })
  emitEventStep({
    eventName: BillingEvents.RUN_COMPLETED,
    data: transform({ summary, input }, ({ summary, input }) =>
      input.dry_run
        ? []
        : [{ id: summary.run_id, invoices_issued: summary.invoices_issued, activities_created: summary.activities_created, errors: summary.errors.length }]
    ),
  }).config({ name: "emit-run-completed" })
  return new WorkflowResponse(summary)
})

export const BILLING_RUN_LOCK = "medusa-subscription-billing:billing-run"

/**
 * Runs the billing run under the Locking module, so that however many Medusa processes fire the job at
 * the same moment, one bills and the others wait (`wait_seconds`) or give up. The database keys make a
 * second run a no-op anyway; the lock only saves the work.
 */
export async function runBillingExclusively(container: MedusaContainer, input: BillingRunWorkflowInput, waitSeconds = 5) {
  if (input.dry_run) {
    const { result } = await billingRunWorkflow(container).run({ input })
    return result
  }
  const locking = container.resolve(Modules.LOCKING)
  try {
    return await locking.execute(
      BILLING_RUN_LOCK,
      async () => (await billingRunWorkflow(container).run({ input })).result,
      // Short expiry: the Redis provider renews the lock while the run lives, and a killed process's lock
      // lapses within a minute, so a restarted process can finish the interrupted run right away.
      { timeout: waitSeconds, expire: 60 }
    )
  } catch (error) {
    if (error instanceof Error && /timed-?out|timeout/i.test(error.message)) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "A billing run is already in progress; try again when it has finished")
    }
    throw error
  }
}
