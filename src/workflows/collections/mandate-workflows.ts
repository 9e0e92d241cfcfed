import { MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { formatFieldError, hasText, MandateAmendment, normaliseBic, normaliseIban, SepaFieldError } from "../../domain/sepa"
import { BILLING_COLLECTION_MODULE } from "../../modules/billing-collection"
import BillingCollectionModuleService from "../../modules/billing-collection/service"
import { amendmentAfter, mandateProblems, StoredMandate } from "./mandate-rules"
import { createMandatesStep, updateMandatesStep } from "./records"

export interface MandateAddressInput {
  street_name?: string | null
  building_number?: string | null
  postal_code?: string | null
  town_name: string
  country_code: string
}

export interface CreateMandateInput {
  customer_id: string
  /** Default: "M" + a ULID, unique and in the SEPA character set. */
  mandate_reference?: string | null
  signature_date: string
  debtor_name: string
  debtor_iban: string
  debtor_bic?: string | null
  debtor_address: MandateAddressInput
  metadata?: Record<string, unknown> | null
  /** The day the request is made (a signature after it is refused). */
  today: string
}

export interface UpdateMandateInput {
  id: string
  today: string
  mandate_reference?: string
  debtor_name?: string
  debtor_iban?: string
  debtor_bic?: string | null
  debtor_address?: MandateAddressInput
  status?: "revoked"
  revocation_reason?: string | null
  metadata?: Record<string, unknown> | null
}

/** Field-named problems as one 400, mapping the probe's "debtor_address.*" and "mandate_signature_date" to the API's names. */
function rejectProblems(problems: SepaFieldError[], prefix = "") {
  if (problems.length) {
    const fields = problems.map((p) => ({ ...p, field: `${prefix}${p.field === "mandate_signature_date" ? "signature_date" : p.field}` }))
    throw new MedusaError(MedusaError.Types.INVALID_DATA, fields.map(formatFieldError).join("; "))
  }
}

function addressColumns(address: MandateAddressInput) {
  return {
    street_name: address.street_name ?? null,
    building_number: address.building_number ?? null,
    postal_code: address.postal_code ?? null,
    town_name: address.town_name,
    country_code: address.country_code.trim().toUpperCase(),
  }
}

async function assertReferenceFree(service: BillingCollectionModuleService, reference: string, exceptId: string | null) {
  const [taken] = await service.listBillingSepaMandates({ mandate_reference: reference }, { select: ["id", "customer_id"] })
  if (taken && taken.id !== exceptId) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `mandate_reference: ${reference} is already used by mandate ${taken.id} (customer ${taken.customer_id}); a reference is unique per creditor`
    )
  }
}

const prepareMandateStep = createStep("billing-prepare-sepa-mandate", async (input: CreateMandateInput, { container }) => {
  const service = container.resolve<BillingCollectionModuleService>(BILLING_COLLECTION_MODULE)
  const generated = `M${Date.now().toString(36).toUpperCase()}${Math.random().toString(36).slice(2, 10).toUpperCase()}`
  const row = {
    customer_id: input.customer_id,
    mandate_reference: hasText(input.mandate_reference) ? input.mandate_reference : generated,
    signature_date: input.signature_date,
    debtor_name: input.debtor_name.trim(),
    debtor_iban: input.debtor_iban,
    debtor_bic: hasText(input.debtor_bic) ? input.debtor_bic : null,
    ...addressColumns(input.debtor_address),
    metadata: input.metadata ?? null,
  }
  const stored: StoredMandate = { ...row, pending_amendment: null, last_collection_date: null, first_collection_at: null }
  rejectProblems(mandateProblems(stored, input.today))
  await assertReferenceFree(service, row.mandate_reference, null)
  const [active] = await service.listBillingSepaMandates({ customer_id: input.customer_id, status: "active" }, { select: ["id", "mandate_reference"] })
  if (active) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `customer_id: customer ${input.customer_id} already has the active mandate ${active.mandate_reference} (${active.id}); revoke it first or amend it`
    )
  }
  return new StepResponse([{ ...row, debtor_iban: normaliseIban(row.debtor_iban), debtor_bic: row.debtor_bic ? normaliseBic(row.debtor_bic) : null }])
})

export const createMandateWorkflowId = "billing-create-sepa-mandate"
/** Records a SEPA mandate a customer signed, after checking everything a collection under it needs. */
export const createMandateWorkflow = createWorkflow(createMandateWorkflowId, (input: WorkflowData<CreateMandateInput>) => {
  const rows = prepareMandateStep(input)
  const created = createMandatesStep(rows)
  return new WorkflowResponse(transform({ created }, ({ created }) => created[0] as { id: string }))
})

type MandateRow = { id: string } & Record<string, unknown>

const prepareMandateUpdateStep = createStep("billing-prepare-sepa-mandate-update", async (input: UpdateMandateInput, { container }): Promise<StepResponse<MandateRow[]>> => {
  const service = container.resolve<BillingCollectionModuleService>(BILLING_COLLECTION_MODULE)
  const current = await service.retrieveBillingSepaMandate(input.id)
  if (current.status === "revoked") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `status: mandate ${current.mandate_reference} is revoked; a customer signs a new mandate instead`)
  }
  const { id, today, status, revocation_reason, ...changes } = input
  if (status === "revoked") {
    const other = Object.keys(changes).filter((key) => key !== "metadata")
    if (other.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `status: revoke a mandate on its own, without changing ${other.join(", ")}`)
    }
    return new StepResponse([{ id, status: "revoked" as const, revoked_on: today, revocation_reason: revocation_reason ?? null, ...(changes.metadata !== undefined ? { metadata: changes.metadata } : {}) }])
  }
  const stored = current as unknown as StoredMandate
  const next: StoredMandate = {
    ...stored,
    mandate_reference: changes.mandate_reference ?? stored.mandate_reference,
    debtor_name: changes.debtor_name?.trim() ?? stored.debtor_name,
    debtor_iban: changes.debtor_iban ?? stored.debtor_iban,
    debtor_bic: changes.debtor_bic !== undefined ? (hasText(changes.debtor_bic) ? changes.debtor_bic : null) : stored.debtor_bic,
    ...(changes.debtor_address ? addressColumns(changes.debtor_address) : {}),
  }
  // The account and reference are checked before the amendment is worked out from them.
  rejectProblems(mandateProblems({ ...next, pending_amendment: null }, today).filter((p) => !p.field.startsWith("amendment")))
  next.debtor_iban = normaliseIban(next.debtor_iban)
  next.debtor_bic = next.debtor_bic ? normaliseBic(next.debtor_bic) : null
  const amendment: MandateAmendment | null = amendmentAfter(stored, { mandate_reference: next.mandate_reference, debtor_iban: next.debtor_iban })
  rejectProblems(mandateProblems({ ...next, pending_amendment: amendment }, today))
  if (next.mandate_reference !== stored.mandate_reference) {
    await assertReferenceFree(service, next.mandate_reference, id)
  }
  return new StepResponse([
    {
      id,
      mandate_reference: next.mandate_reference,
      debtor_name: next.debtor_name,
      debtor_iban: next.debtor_iban,
      debtor_bic: next.debtor_bic,
      street_name: next.street_name,
      building_number: next.building_number,
      postal_code: next.postal_code,
      town_name: next.town_name,
      country_code: next.country_code,
      pending_amendment: amendment,
      ...(changes.metadata !== undefined ? { metadata: changes.metadata } : {}),
    },
  ])
})

export const updateMandateWorkflowId = "billing-update-sepa-mandate"
/**
 * Amends a mandate (reference, debtor account, name, address) — the next collection reports what the
 * debtor's bank must know (AmdmntInd) — or revokes it (`status: "revoked"`): it is not collected from
 * again; collections already in a batch stay as they are.
 */
export const updateMandateWorkflow = createWorkflow(updateMandateWorkflowId, (input: WorkflowData<UpdateMandateInput>) => {
  const rows = prepareMandateUpdateStep(input)
  const updated = updateMandatesStep(rows)
  return new WorkflowResponse(transform({ updated }, ({ updated }) => updated[0] as { id: string }))
})
