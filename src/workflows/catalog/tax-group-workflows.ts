import { MedusaError } from "@medusajs/framework/utils"
import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { DEFAULT_LEGAL_NOTES, TaxGroupKind, taxGroupRatesProblem } from "../../domain/tax-group-rules"
import { BILLING_CATALOG_MODULE } from "../../modules/billing-catalog"
import BillingCatalogModuleService from "../../modules/billing-catalog/service"
import { assertNotInUseStep } from "../common/assert-not-in-use"
import { createTaxGroupsStep, createTaxRatesStep, deleteTaxGroupsStep, deleteTaxRatesStep, updateTaxGroupsStep } from "./records"
import { TaxGroupInput, TaxRateInput } from "./types"

const validateTaxRatesStep = createStep(
  "billing-validate-tax-rates",
  async (
    input: { kind?: TaxGroupKind; tax_group_id?: string; rates: TaxRateInput[]; require_rate: boolean; single_rate?: boolean },
    { container }
  ) => {
    // The add-rate route takes one rate as `{ rate, valid_from }`, so its errors name those fields, not `rates[0].…`.
    const named = (message: string) => (input.single_rate ? message.replace(/^rates\[0\]\./, "") : message)
    let kind = input.kind
    const rates = [...input.rates]
    if (input.tax_group_id) {
      const catalog = container.resolve<BillingCatalogModuleService>(BILLING_CATALOG_MODULE)
      const group = await catalog.retrieveBillingTaxGroup(input.tax_group_id, { relations: ["rates"] })
      kind = group.kind
      const existing = new Set(group.rates.map((r) => r.valid_from))
      const clash = rates.findIndex((r) => existing.has(r.valid_from))
      if (clash >= 0) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          named(`rates[${clash}].valid_from: tax group "${group.code}" already has a rate valid from ${rates[clash].valid_from}`)
        )
      }
    }
    const problem = taxGroupRatesProblem(kind ?? "standard", rates, input.require_rate)
    if (problem) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, named(problem))
    }
    return new StepResponse(undefined)
  }
)

export const createTaxGroupWorkflowId = "billing-create-tax-group"
export const createTaxGroupWorkflow = createWorkflow(createTaxGroupWorkflowId, (input: WorkflowData<TaxGroupInput>) => {
  const check = transform({ input }, ({ input }) => ({ kind: input.kind, rates: input.rates ?? [], require_rate: true }))
  validateTaxRatesStep(check)
  const groups = transform({ input }, ({ input }) => {
    const { rates: _rates, ...group } = input
    const kind = group.kind ?? "standard"
    return [{ ...group, kind, legal_note: group.legal_note === undefined ? DEFAULT_LEGAL_NOTES[kind] : group.legal_note }]
  })
  const created = createTaxGroupsStep(groups)
  const rates = transform({ input, created }, ({ input, created }) =>
    (input.rates ?? []).map((rate) => ({ ...rate, tax_group_id: created[0].id }))
  )
  createTaxRatesStep(rates)
  return new WorkflowResponse(transform({ created }, ({ created }) => created[0]))
})

export const updateTaxGroupWorkflowId = "billing-update-tax-group"
export const updateTaxGroupWorkflow = createWorkflow(
  updateTaxGroupWorkflowId,
  (input: WorkflowData<{ id: string; name?: string; legal_note?: string | null; country_code?: string }>) => {
    const rows = transform({ input }, ({ input }) => [input])
    const updated = updateTaxGroupsStep(rows)
    return new WorkflowResponse(transform({ updated }, ({ updated }) => updated[0]))
  }
)

export const deleteTaxGroupWorkflowId = "billing-delete-tax-group"
export const deleteTaxGroupWorkflow = createWorkflow(deleteTaxGroupWorkflowId, (input: WorkflowData<{ id: string }>) => {
  const checks = transform({ input }, ({ input }) => [
    { subject: `tax group "${input.id}"`, entity: "billing_article_group", field: "tax_group_id", id: input.id, dependants: "article groups" },
  ])
  assertNotInUseStep(checks)
  deleteTaxGroupsStep(transform({ input }, ({ input }) => [input.id]))
  return new WorkflowResponse(input.id)
})

export const addTaxRateWorkflowId = "billing-add-tax-rate"
export const addTaxRateWorkflow = createWorkflow(
  addTaxRateWorkflowId,
  (input: WorkflowData<TaxRateInput & { tax_group_id: string }>) => {
    const check = transform({ input }, ({ input }) => ({
      tax_group_id: input.tax_group_id,
      rates: [{ rate: input.rate, valid_from: input.valid_from }],
      require_rate: true,
      single_rate: true,
    }))
    validateTaxRatesStep(check)
    const created = createTaxRatesStep(transform({ input }, ({ input }) => [input]))
    return new WorkflowResponse(transform({ created }, ({ created }) => created[0]))
  }
)

/** Creation requires a rate for a standard group, so deleting may not take its last one away either. */
const assertTaxRateRemovableStep = createStep("billing-assert-tax-rate-removable", async (input: { id: string }, { container }) => {
  const catalog = container.resolve<BillingCatalogModuleService>(BILLING_CATALOG_MODULE)
  const rate = await catalog.retrieveBillingTaxRate(input.id, { relations: ["tax_group"] })
  const group = await catalog.retrieveBillingTaxGroup(rate.tax_group.id, { relations: ["rates"] })
  if (group.kind === "standard" && group.rates.length <= 1) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `rate_id: tax rate "${input.id}" is the only rate of standard tax group "${group.code}"; a standard tax group needs at least one rate`
    )
  }
  return new StepResponse(undefined)
})

export const deleteTaxRateWorkflowId = "billing-delete-tax-rate"
export const deleteTaxRateWorkflow = createWorkflow(deleteTaxRateWorkflowId, (input: WorkflowData<{ id: string }>) => {
  assertTaxRateRemovableStep(input)
  deleteTaxRatesStep(transform({ input }, ({ input }) => [input.id]))
  return new WorkflowResponse(input.id)
})
