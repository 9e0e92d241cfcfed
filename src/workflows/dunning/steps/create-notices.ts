import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_DUNNING_MODULE } from "../../../modules/billing-dunning"
import BillingDunningModuleService, { NewDunningNotice } from "../../../modules/billing-dunning/service"

export const createDunningNoticesStepId = "billing-dunning-create-notices"

/**
 * Writes the planned notices that do not exist yet (unique by invoice and level) and returns those. No
 * compensation: a notice is the run's durable decision, and whatever did not happen after it (fee, PDF,
 * mail) is completed by the next run (see postDunningFeesStep), so nothing is ever sent or booked twice.
 */
export const createDunningNoticesStep = createStep(
  createDunningNoticesStepId,
  async (input: { dry_run: boolean; notices: NewDunningNotice[] }, { container }) => {
    if (input.dry_run) {
      return new StepResponse([] as { id: string; invoice_id: string; level: number }[])
    }
    const created = await container.resolve<BillingDunningModuleService>(BILLING_DUNNING_MODULE).createNoticesOnce(input.notices)
    return new StepResponse(created)
  }
)
