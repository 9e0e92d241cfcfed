import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { BillingEvents } from "../../events"
import { BILLING_COLLECTION_MODULE } from "../../modules/billing-collection"
import BillingCollectionModuleService, { InvoiceChargeState } from "../../modules/billing-collection/service"
import { BILLING_LEDGER_MODULE } from "../../modules/billing-ledger"
import BillingLedgerModuleService from "../../modules/billing-ledger/service"
import { accountSpec } from "../billing/ledger-accounts"
import { cardRetryDaysProblem, DEFAULT_CARD_RETRY_DAYS, nextChargeAttempt } from "./card-retry"
import { InvoiceWithContract, openInvoicesPaidBy, readInvoices } from "./invoice-reads"

export interface ChargeInvoiceInput {
  invoice_id: string
  trigger: "schedule" | "manual"
  /** The job's or request's "now" (ISO date-time): attempt time, booking date and retry schedule are taken from it. */
  now: string
}

/** What one charge did: `charged` false when the invoice was not (or no longer) due for a scheduled charge. */
export interface ChargeInvoiceResult {
  invoice_id: string
  charged: boolean
  attempt_id: string | null
  status: "succeeded" | "failed" | null
  error: string | null
  next_attempt_at: string | null
  gave_up: boolean
  gave_up_now: boolean
  skipped_reason: string | null
}

interface ChargePlan {
  invoice: InvoiceWithContract
  provider_id: string
  payment_method_token: string
  account_holder_id: string | null
  amount: string
  expected_attempt: number
  now: string
  trigger: "schedule" | "manual"
}

/** The card retry schedule from the plugin options, checked. */
export function cardRetryDays(service: BillingCollectionModuleService): readonly number[] {
  const days = service.collectionOptions().card_retry_days ?? DEFAULT_CARD_RETRY_DAYS
  const problem = cardRetryDaysProblem(days)
  if (problem) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `plugin option ${problem}`)
  }
  return days
}

/** Why a scheduled charge is not due now, or null (a manual charge ignores the schedule). */
export function scheduleBlocker(state: InvoiceChargeState | undefined, now: Date): string | null {
  if (!state) {
    return null
  }
  if (state.last_status === "processing") {
    return "a charge is in progress"
  }
  if (state.last_status === "succeeded") {
    return "a charge succeeded already; charge again by hand if the invoice is still open"
  }
  if (state.gave_up) {
    return "every scheduled retry failed; the invoice is left to dunning"
  }
  if (state.next_attempt_at && new Date(state.next_attempt_at).getTime() > now.getTime()) {
    return `the next retry is due at ${new Date(state.next_attempt_at).toISOString()}`
  }
  return null
}

const prepareChargeStep = createStep("billing-prepare-card-charge", async (input: ChargeInvoiceInput, { container }) => {
  const service = container.resolve<BillingCollectionModuleService>(BILLING_COLLECTION_MODULE)
  const refuse = (reason: string): StepResponse<ChargePlan | { skipped_reason: string }> => {
    if (input.trigger === "manual") {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, reason)
    }
    return new StepResponse({ skipped_reason: reason })
  }
  const [invoice] = await readInvoices(container, [input.invoice_id])
  if (!invoice) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `invoice "${input.invoice_id}" was not found`)
  }
  const label = invoice.number ?? invoice.id
  if (invoice.kind !== "invoice" || invoice.status !== "issued") {
    return refuse(`invoice ${label}: only issued invoices are charged (this one is ${invoice.kind === "invoice" ? invoice.status : "a cancellation document"})`)
  }
  if (invoice.payment_method !== "card") {
    return refuse(`payment_method: invoice ${label}'s contract ${invoice.contract_id} pays by ${invoice.payment_method}, not card`)
  }
  if (!MathBN.gt(invoice.open_amount, 0)) {
    return refuse(`invoice ${label}: nothing is open (open amount ${invoice.open_amount})`)
  }
  const [method] = await service.listBillingCardPaymentMethods({ contract_id: invoice.contract_id })
  if (!method) {
    return refuse(`payment_method: contract ${invoice.contract_id} has no stored card payment method (POST /admin/billing/contracts/${invoice.contract_id}/payment-method)`)
  }
  const [state] = await service.invoiceChargeStates([invoice.id])
  if (state?.last_status === "processing") {
    return refuse(`invoice ${label}: a charge is in progress`)
  }
  if (input.trigger === "schedule") {
    const blocker = scheduleBlocker(state, new Date(input.now))
    if (blocker) {
      return refuse(`invoice ${label}: ${blocker}`)
    }
  }
  return new StepResponse<ChargePlan | { skipped_reason: string }>({
    invoice,
    provider_id: method.provider_id,
    payment_method_token: method.payment_method_token,
    account_holder_id: method.account_holder_id,
    amount: MathBN.convert(invoice.open_amount).toFixed(2),
    expected_attempt: (state?.attempts ?? 0) + 1,
    now: input.now,
    trigger: input.trigger,
  })
})

const isPlan = (plan: ChargePlan | { skipped_reason: string }): plan is ChargePlan => "invoice" in plan

const claimChargeStep = createStep(
  "billing-claim-card-charge",
  async (plan: ChargePlan | { skipped_reason: string }, { container }) => {
    if (!isPlan(plan)) {
      return new StepResponse(null, null)
    }
    const service = container.resolve<BillingCollectionModuleService>(BILLING_COLLECTION_MODULE)
    const claim = await service.claimChargeAttempt({
      invoice_id: plan.invoice.id,
      contract_id: plan.invoice.contract_id,
      customer_id: plan.invoice.customer_id,
      trigger: plan.trigger,
      amount: plan.amount,
      currency_code: plan.invoice.currency_code,
      provider_id: plan.provider_id,
      expected_attempt: plan.expected_attempt,
      attempted_at: new Date(plan.now),
    })
    if (!claim && plan.trigger === "manual") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `invoice ${plan.invoice.number ?? plan.invoice.id}: another charge of it started at the same time`)
    }
    return new StepResponse(claim, claim?.id ?? null)
  },
  async (attemptId, { container }) => {
    if (attemptId) {
      await container.resolve<BillingCollectionModuleService>(BILLING_COLLECTION_MODULE).releaseChargeAttempt(attemptId)
    }
  }
)

interface ChargeOutcome {
  ok: boolean
  payment_collection_id: string | null
  payment_id: string | null
  error: string | null
}

/**
 * Charges the stored payment method through Medusa's Payment module: payment collection → session with the
 * stored method (off-session, confirmed) → authorize → capture. A declined card is an outcome, not an error.
 */
const chargeCardStep = createStep(
  "billing-charge-card",
  async (input: { plan: ChargePlan | { skipped_reason: string }; claim: { id: string; attempt: number } | null }, { container }) => {
    const { plan, claim } = input
    if (!isPlan(plan) || !claim) {
      return new StepResponse<ChargeOutcome | null, { payment_id: string; amount: string } | null>(null, null)
    }
    const payments = container.resolve(Modules.PAYMENT)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const invoice = plan.invoice
    const collection = await payments.createPaymentCollections({
      currency_code: invoice.currency_code,
      amount: plan.amount,
      metadata: { billing_invoice_id: invoice.id, billing_charge_attempt_id: claim.id, attempt: claim.attempt },
    })
    let paymentId: string | null = null
    try {
      const accountHolder = plan.account_holder_id
        ? (await query.graph({ entity: "account_holder", fields: ["*"], filters: { id: plan.account_holder_id } })).data[0]
        : undefined
      const session = await payments.createPaymentSession(collection.id, {
        provider_id: plan.provider_id,
        currency_code: invoice.currency_code,
        amount: plan.amount,
        // The parameters Stripe's provider passes on to the PaymentIntent for an off-session charge of a saved card.
        data: {
          payment_method: plan.payment_method_token,
          off_session: true,
          confirm: true,
          payment_description: `Invoice ${invoice.number ?? invoice.id}`,
          metadata: { billing_invoice_id: invoice.id, billing_invoice_number: invoice.number, attempt: claim.attempt },
        },
        context: {
          idempotency_key: `billing-card-charge:${claim.id}`,
          customer: { id: invoice.customer_id } as never,
          ...(accountHolder ? { account_holder: accountHolder as never } : {}),
        },
      })
      const payment = await payments.authorizePaymentSession(session.id, {})
      if (!payment) {
        throw new Error("the payment needs the customer's action (authentication) and cannot be charged off-session")
      }
      paymentId = payment.id
      await payments.capturePayment({ payment_id: payment.id, amount: plan.amount })
    } catch (error) {
      if (paymentId) {
        await payments.cancelPayment(paymentId).catch(() => undefined)
      }
      return new StepResponse<ChargeOutcome | null, { payment_id: string; amount: string } | null>(
        { ok: false, payment_collection_id: collection.id, payment_id: paymentId, error: (error as Error).message || String(error) },
        null
      )
    }
    return new StepResponse<ChargeOutcome | null, { payment_id: string; amount: string } | null>(
      { ok: true, payment_collection_id: collection.id, payment_id: paymentId, error: null },
      { payment_id: paymentId, amount: plan.amount }
    )
  },
  // A captured charge whose booking failed is refunded, so the retry that follows cannot charge twice.
  async (captured, { container }) => {
    if (captured) {
      await container.resolve(Modules.PAYMENT).refundPayment({ payment_id: captured.payment_id, amount: captured.amount })
    }
  }
)

/**
 * Books a captured charge (payment posting: debit bank, credit the customer for the invoice; keyed per
 * invoice and attempt) and records the attempt's outcome with the next retry or "gave up".
 */
const recordChargeStep = createStep(
  "billing-record-card-charge",
  async (
    input: { plan: ChargePlan | { skipped_reason: string }; claim: { id: string; attempt: number } | null; outcome: ChargeOutcome | null },
    { container }
  ): Promise<StepResponse<ChargeInvoiceResult>> => {
    const { plan, claim, outcome } = input
    if (!isPlan(plan) || !claim || !outcome) {
      const skipped_reason = isPlan(plan) ? "another charge of the invoice started at the same time" : plan.skipped_reason
      const invoiceId = isPlan(plan) ? plan.invoice.id : ""
      return new StepResponse({ invoice_id: invoiceId, charged: false, attempt_id: null, status: null, error: null, next_attempt_at: null, gave_up: false, gave_up_now: false, skipped_reason })
    }
    const service = container.resolve<BillingCollectionModuleService>(BILLING_COLLECTION_MODULE)
    const invoice = plan.invoice
    if (outcome.ok) {
      const key = `card_payment:${invoice.id}:${claim.attempt}`
      // Append-only ledger: no compensation; a retried workflow finds the posting by its key and books nothing.
      await container.resolve<BillingLedgerModuleService>(BILLING_LEDGER_MODULE).post([
        {
          idempotency_key: key,
          kind: "payment",
          booking_date: plan.now.slice(0, 10),
          currency_code: invoice.currency_code,
          customer_id: invoice.customer_id,
          reference_type: "billing_card_charge_attempt",
          reference_id: claim.id,
          description: `Card payment of invoice ${invoice.number ?? invoice.id} (attempt ${claim.attempt})`,
          entries: [
            { account: accountSpec({ kind: "bank" }, invoice.currency_code), amount: plan.amount },
            { account: accountSpec({ kind: "customer", customer_id: invoice.customer_id }, invoice.currency_code), amount: `-${plan.amount}`, invoice_id: invoice.id },
          ],
        },
      ])
      await service.finishChargeAttempt({
        id: claim.id,
        status: "succeeded",
        payment_collection_id: outcome.payment_collection_id,
        payment_id: outcome.payment_id,
        ledger_posting_key: key,
        error: null,
        next_attempt_at: null,
        gave_up: false,
      })
      return new StepResponse({ invoice_id: invoice.id, charged: true, attempt_id: claim.id, status: "succeeded", error: null, next_attempt_at: null, gave_up: false, gave_up_now: false, skipped_reason: null })
    }
    const [state] = await service.invoiceChargeStates([invoice.id])
    const schedule = nextChargeAttempt({
      failed_attempts: (state?.failed_attempts ?? 0) + 1,
      first_failed_at: state?.first_failed_at ? new Date(state.first_failed_at) : new Date(plan.now),
      retry_days: cardRetryDays(service),
    })
    await service.finishChargeAttempt({
      id: claim.id,
      status: "failed",
      payment_collection_id: outcome.payment_collection_id,
      payment_id: outcome.payment_id,
      ledger_posting_key: null,
      error: outcome.error,
      next_attempt_at: schedule.next_attempt_at,
      gave_up: schedule.gave_up,
    })
    return new StepResponse({
      invoice_id: invoice.id,
      charged: true,
      attempt_id: claim.id,
      status: "failed",
      error: outcome.error,
      next_attempt_at: schedule.next_attempt_at?.toISOString() ?? null,
      gave_up: schedule.gave_up,
      gave_up_now: schedule.gave_up_now,
      skipped_reason: null,
    })
  }
)

export const chargeInvoiceWorkflowId = "billing-charge-card-invoice"

/**
 * Charges one invoice's open amount to its contract's stored card: claim the next attempt number (no two
 * processes charge at once) → Payment module charge → book the payment / record the failure and the next
 * retry → `billing.payment.captured`, or `billing.payment.failed` once the retries are used up.
 */
export const chargeInvoiceWorkflow = createWorkflow(chargeInvoiceWorkflowId, (input: WorkflowData<ChargeInvoiceInput>) => {
  const plan = prepareChargeStep(input)
  const claim = claimChargeStep(plan)
  const outcome = chargeCardStep(transform({ plan, claim }, ({ plan, claim }) => ({ plan, claim })))
  const result = recordChargeStep(transform({ plan, claim, outcome }, ({ plan, claim, outcome }) => ({ plan, claim, outcome })))
  when({ result }, ({ result }) => result.status === "succeeded").then(() => {
    emitEventStep({
      eventName: BillingEvents.PAYMENT_CAPTURED,
      data: transform({ plan, result }, ({ plan, result }) => {
        const charged = plan as ChargePlan
        return {
          invoice_id: result.invoice_id,
          contract_id: charged.invoice.contract_id,
          customer_id: charged.invoice.customer_id,
          amount: charged.amount,
          currency_code: charged.invoice.currency_code,
          attempt_id: result.attempt_id,
        }
      }),
    }).config({ name: "emit-card-payment-captured" })
  })
  when({ result }, ({ result }) => result.gave_up_now).then(() => {
    emitEventStep({
      eventName: BillingEvents.PAYMENT_FAILED,
      data: transform({ plan, result }, ({ plan, result }) => {
        const charged = plan as ChargePlan
        return {
          invoice_id: result.invoice_id,
          contract_id: charged.invoice.contract_id,
          customer_id: charged.invoice.customer_id,
          attempts: charged.expected_attempt,
          error: result.error,
        }
      }),
    }).config({ name: "emit-card-payment-failed" })
  })
  return new WorkflowResponse(result)
})

/** Open invoices of card contracts with a stored payment method whose (next) scheduled charge is due at `now`. */
export async function dueCardInvoices(container: MedusaContainer, now: Date): Promise<string[]> {
  const service = container.resolve<BillingCollectionModuleService>(BILLING_COLLECTION_MODULE)
  const methods = await service.listBillingCardPaymentMethods({}, { select: ["contract_id"] })
  const invoices = await openInvoicesPaidBy(container, "card", methods.map((m) => m.contract_id))
  const states = new Map((await service.invoiceChargeStates(invoices.map((i) => i.id))).map((s) => [s.invoice_id, s]))
  return invoices.filter((invoice) => scheduleBlocker(states.get(invoice.id), now) === null).map((invoice) => invoice.id)
}

export const CARD_COLLECTION_LOCK = "medusa-subscription-billing:card-collection"

/**
 * The card job's work: under a lock (one process charges at a time), every due invoice is charged once.
 * A failing invoice does not stop the others. Returns each charge's result.
 */
export async function collectCardPaymentsExclusively(container: MedusaContainer, now: Date, waitSeconds = 1): Promise<ChargeInvoiceResult[]> {
  const locking = container.resolve(Modules.LOCKING)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  return locking.execute(
    CARD_COLLECTION_LOCK,
    async () => {
      const results: ChargeInvoiceResult[] = []
      for (const invoiceId of await dueCardInvoices(container, now)) {
        try {
          const { result } = await chargeInvoiceWorkflow(container).run({ input: { invoice_id: invoiceId, trigger: "schedule", now: now.toISOString() } })
          results.push(result)
        } catch (error) {
          logger.error(`Card charge of invoice ${invoiceId} failed: ${(error as Error).message}`)
        }
      }
      return results
    },
    { timeout: waitSeconds, expire: 300 }
  )
}
