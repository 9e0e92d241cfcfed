import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { BillingEvents } from "../../events"
import { createDunningNoticesStep } from "./steps/create-notices"
import { deliverDunningNoticesStep } from "./steps/deliver-notices"
import { postDunningFeesStep } from "./steps/post-fees"
import { planDunningStep } from "./steps/plan-dunning"
import { DunningRunInput } from "./types"

export type { DunningRunInput }

export const dunningRunWorkflowId = "billing-dunning-run"

/**
 * The dunning run on `as_of`: plans which overdue invoices get which level (src/domain/dunning/plan.ts),
 * writes the notices that do not exist yet, books their fees, renders, stores and mails them, and emits
 * `billing.dunning.notice_sent` per new notice. Notices an interrupted run left undelivered are completed
 * too. A dry run returns the plan and writes nothing.
 */
export const dunningRunWorkflow = createWorkflow(dunningRunWorkflowId, (input: WorkflowData<DunningRunInput>) => {
  const plan = planDunningStep(input)
  const created = createDunningNoticesStep(transform({ input, plan }, ({ input, plan }) => ({ dry_run: !!input.dry_run, notices: plan.notices })))
  const undelivered = postDunningFeesStep(transform({ input, created }, ({ input }) => ({ dry_run: !!input.dry_run })))
  const delivery = deliverDunningNoticesStep(transform({ undelivered }, ({ undelivered }) => ({ notice_ids: undelivered })))
  const sent = transform({ plan, created }, ({ plan, created }) => {
    const planned = new Map(plan.notices.map((notice) => [`${notice.invoice_id}|${notice.level}`, notice]))
    return created.map((row) => ({ id: row.id, ...planned.get(`${row.invoice_id}|${row.level}`)! }))
  })
  emitEventStep({
    eventName: BillingEvents.DUNNING_NOTICE_SENT,
    data: transform({ sent }, ({ sent }) =>
      sent.map((notice) => ({ id: notice.id, invoice_id: notice.invoice_id, customer_id: notice.customer_id, level: notice.level, fee: notice.fee, currency_code: notice.currency_code }))
    ),
  }).config({ name: "emit-dunning-notices-sent" })
  return new WorkflowResponse(
    transform({ input, plan, sent, delivery }, ({ input, plan, sent, delivery }) => ({
      as_of: input.as_of,
      dry_run: !!input.dry_run,
      // A dry run answers what it would send; a real run what it sent (a notice an earlier run sent is not sent again).
      notices: input.dry_run ? plan.notices : sent,
      skipped: plan.skipped,
      delivered: delivery.delivered,
      mail_failed: delivery.mail_failed,
      errors: delivery.errors,
    }))
  )
})

export const DUNNING_RUN_LOCK = "medusa-subscription-billing:dunning-run"

/**
 * Runs the dunning run under the Locking module, so that of all processes firing the job at 06:00 one
 * reminds and the others wait (`waitSeconds`) or give up. The unique key (invoice, level) makes a second
 * run a no-op anyway; the lock saves the work and keeps two runs from mailing the same retry. A dry run
 * writes nothing and needs no lock.
 */
export async function runDunningExclusively(container: MedusaContainer, input: DunningRunInput, waitSeconds = 5) {
  if (input.dry_run) {
    return (await dunningRunWorkflow(container).run({ input })).result
  }
  try {
    return await container
      .resolve(Modules.LOCKING)
      .execute(DUNNING_RUN_LOCK, async () => (await dunningRunWorkflow(container).run({ input })).result, { timeout: waitSeconds, expire: 60 })
  } catch (error) {
    if (error instanceof Error && /timed-?out|timeout/i.test(error.message)) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "A dunning run is already in progress; try again when it has finished")
    }
    throw error
  }
}
