import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_DUNNING_MODULE } from "../../../modules/billing-dunning"
import BillingDunningModuleService from "../../../modules/billing-dunning/service"
import { MAX_MAIL_ATTEMPTS } from "../../documents/deliver-invoice-workflow"
import { ensureDunningPdf } from "../dunning-document"
import { sendDunningMail } from "../dunning-mail"

export interface DeliveryResult {
  delivered: number
  mail_failed: { notice_id: string; error: string | null }[]
  errors: { notice_id: string; message: string }[]
}

export const deliverDunningNoticesStepId = "billing-dunning-deliver-notices"

/**
 * Renders and stores each notice's PDF and mails it. A notice counts as delivered once its mail is sent or
 * its attempts are used up; a failed mail or a rendering error is reported and left for the next run, it
 * does not fail the run. Nothing to compensate: a stored PDF or a sent mail is not undone.
 */
export const deliverDunningNoticesStep = createStep(
  deliverDunningNoticesStepId,
  async (input: { notice_ids: string[] }, { container }) => {
    const result: DeliveryResult = { delivered: 0, mail_failed: [], errors: [] }
    const done: string[] = []
    for (const id of input.notice_ids) {
      try {
        await ensureDunningPdf(container, id)
        const log = await sendDunningMail(container, id)
        if (log.status === "sent" || log.attempts >= MAX_MAIL_ATTEMPTS) {
          done.push(id)
        }
        if (log.status !== "sent") {
          result.mail_failed.push({ notice_id: id, error: log.error ?? null })
        }
      } catch (error) {
        result.errors.push({ notice_id: id, message: error instanceof Error ? error.message : String(error) })
      }
    }
    result.delivered = (await container.resolve<BillingDunningModuleService>(BILLING_DUNNING_MODULE).markDelivered(done)).length
    return new StepResponse(result)
  }
)
