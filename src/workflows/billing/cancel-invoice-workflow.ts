import { MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { BillingEvents } from "../../events"
import { BILLING_CATALOG_MODULE } from "../../modules/billing-catalog"
import BillingCatalogModuleService from "../../modules/billing-catalog/service"
import { BILLING_CONTRACT_MODULE } from "../../modules/billing-contract"
import BillingContractModuleService from "../../modules/billing-contract/service"
import { BILLING_INVOICE_MODULE } from "../../modules/billing-invoice"
import BillingInvoiceModuleService from "../../modules/billing-invoice/service"
import { issueAndPost } from "./steps/bill-due-activities"

export interface CancelInvoiceInput {
  id: string
  issue_date: string
  /** Make the cancelled invoice's activities billable again (they are re-created by the next billing run). */
  release_activities?: boolean
  reason?: string | null
}

const issueCancellationStep = createStep("billing-issue-cancellation", async (input: CancelInvoiceInput, { container }) => {
  const invoices = container.resolve<BillingInvoiceModuleService>(BILLING_INVOICE_MODULE)
  const catalog = container.resolve<BillingCatalogModuleService>(BILLING_CATALOG_MODULE)
  const original = await invoices.retrieveBillingInvoice(input.id)
  const project = await catalog.retrieveBillingProject(original.project_id)
  const { cancellation_id } = await invoices.cancelInvoice({
    invoice_id: input.id,
    issue_date: input.issue_date,
    reason: input.reason ?? null,
    formats: { project_code: project.code, invoice: project.invoice_number_format, cancellation: project.cancellation_number_format },
  })
  // Issued documents are never undone, so there is nothing to compensate; a retry finds this cancellation.
  return new StepResponse(cancellation_id)
})

const postCancellationStep = createStep("billing-post-cancellation", async (input: { cancellation_id: string; issue_date: string }, { container }) => {
  await issueAndPost(container, [input.cancellation_id], input.issue_date)
  return new StepResponse(undefined)
})

const releaseActivitiesStep = createStep(
  "billing-release-cancelled-activities",
  async (input: { invoice_id: string; release: boolean }, { container }) => {
    if (!input.release) {
      return new StepResponse([] as string[], [] as string[])
    }
    const contracts = container.resolve<BillingContractModuleService>(BILLING_CONTRACT_MODULE)
    const activities = await contracts.listBillingActivities({ invoice_id: input.invoice_id }, { select: ["id"] })
    const ids = activities.map((a) => a.id)
    if (ids.length) {
      await contracts.softDeleteBillingActivities(ids)
    }
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (ids?.length) {
      await container.resolve<BillingContractModuleService>(BILLING_CONTRACT_MODULE).restoreBillingActivities(ids)
    }
  }
)

export const cancelInvoiceWorkflowId = "billing-cancel-invoice"

/**
 * Cancels an issued invoice with a cancellation document (own number, negated lines, referencing the
 * original), credits the customer account, and — only when asked — releases the activities so the next
 * billing run bills them anew.
 */
export const cancelInvoiceWorkflow = createWorkflow(cancelInvoiceWorkflowId, (input: WorkflowData<CancelInvoiceInput>) => {
  const cancellationId = issueCancellationStep(input)
  postCancellationStep(transform({ input, cancellationId }, ({ input, cancellationId }) => ({ cancellation_id: cancellationId, issue_date: input.issue_date })))
  emitEventStep({
    eventName: BillingEvents.INVOICE_ISSUED,
    data: transform({ cancellationId }, ({ cancellationId }) => [{ id: cancellationId }]),
  }).config({ name: "emit-cancellation-issued" })
  emitEventStep({
    eventName: BillingEvents.INVOICE_CANCELLED,
    data: transform({ input, cancellationId }, ({ input, cancellationId }) => [{ id: input.id, cancellation_id: cancellationId }]),
  }).config({ name: "emit-invoice-cancelled" })
  const released = releaseActivitiesStep(transform({ input }, ({ input }) => ({ invoice_id: input.id, release: !!input.release_activities })))
  return new WorkflowResponse(transform({ cancellationId, released }, ({ cancellationId, released }) => ({ cancellation_id: cancellationId, released_activity_ids: released })))
})

const deleteUnbilledActivityStep = createStep(
  "billing-delete-unbilled-activity",
  async (input: { contract_id: string; activity_id: string }, { container }) => {
    const contracts = container.resolve<BillingContractModuleService>(BILLING_CONTRACT_MODULE)
    const [activity] = await contracts.listBillingActivities({ id: input.activity_id, contract_id: input.contract_id })
    if (!activity) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `activity "${input.activity_id}" is not an activity of contract "${input.contract_id}"`)
    }
    if (activity.invoice_id) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `activity "${input.activity_id}" is billed by invoice "${activity.invoice_id}"; cancel the invoice instead`)
    }
    await contracts.softDeleteBillingActivities([activity.id])
    return new StepResponse(activity.id, activity.id)
  },
  async (id, { container }) => {
    if (id) {
      await container.resolve<BillingContractModuleService>(BILLING_CONTRACT_MODULE).restoreBillingActivities([id])
    }
  }
)

export const deleteUnbilledActivityWorkflowId = "billing-delete-unbilled-activity"
export const deleteUnbilledActivityWorkflow = createWorkflow(
  deleteUnbilledActivityWorkflowId,
  (input: WorkflowData<{ contract_id: string; activity_id: string }>) => {
    return new WorkflowResponse(deleteUnbilledActivityStep(input))
  }
)
