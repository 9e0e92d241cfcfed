import { MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { formatFieldError, hasText, normaliseBic, normaliseCreditorId, normaliseIban } from "../../domain/sepa"
import { BILLING_COLLECTION_MODULE } from "../../modules/billing-collection"
import BillingCollectionModuleService from "../../modules/billing-collection/service"
import { createCreditorSettingsStep, updateCreditorSettingsStep } from "./records"
import { creditorSettingsProblems, SepaCreditorSettings } from "./sepa-creditor"

export interface SetSepaCreditorInput {
  creditor_id: string
  creditor_name: string
  creditor_iban: string
  creditor_bic?: string | null
  creditor_address: { street_name?: string | null; building_number?: string | null; postal_code?: string | null; town_name: string; country_code: string }
  pre_notification_days?: number | null
}

const prepareCreditorStep = createStep("billing-prepare-sepa-creditor", async (input: SetSepaCreditorInput, { container }) => {
  const problems = creditorSettingsProblems(input as SepaCreditorSettings)
  if (problems.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, problems.map(formatFieldError).join("; "))
  }
  const service = container.resolve<BillingCollectionModuleService>(BILLING_COLLECTION_MODULE)
  const [existing] = await service.listBillingSepaCreditors({ key: "default" }, { select: ["id"] })
  const row = {
    key: "default",
    creditor_id: normaliseCreditorId(input.creditor_id),
    creditor_name: input.creditor_name.trim(),
    creditor_iban: normaliseIban(input.creditor_iban),
    creditor_bic: hasText(input.creditor_bic) ? normaliseBic(input.creditor_bic) : null,
    street_name: input.creditor_address.street_name ?? null,
    building_number: input.creditor_address.building_number ?? null,
    postal_code: input.creditor_address.postal_code ?? null,
    town_name: input.creditor_address.town_name,
    country_code: input.creditor_address.country_code.trim().toUpperCase(),
    pre_notification_days: input.pre_notification_days ?? null,
  }
  return new StepResponse({ create: existing ? [] : [row], update: existing ? [{ id: existing.id, ...row }] : [] })
})

export const setSepaCreditorWorkflowId = "billing-set-sepa-creditor"
/** Stores the SEPA creditor (checked: creditor id checksum, IBAN, BIC, structured address); it overrides the plugin option. */
export const setSepaCreditorWorkflow = createWorkflow(setSepaCreditorWorkflowId, (input: WorkflowData<SetSepaCreditorInput>) => {
  const rows = prepareCreditorStep(input)
  when({ rows }, ({ rows }) => rows.create.length > 0).then(() => createCreditorSettingsStep(transform({ rows }, ({ rows }) => rows.create)))
  when({ rows }, ({ rows }) => rows.update.length > 0).then(() => updateCreditorSettingsStep(transform({ rows }, ({ rows }) => rows.update)))
  return new WorkflowResponse(undefined)
})
