import { MathBN } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { dunningFeeEntries } from "../../../domain/dunning/plan"
import { BILLING_DUNNING_MODULE } from "../../../modules/billing-dunning"
import BillingDunningModuleService from "../../../modules/billing-dunning/service"
import { BILLING_LEDGER_MODULE } from "../../../modules/billing-ledger"
import BillingLedgerModuleService, { PostingInput } from "../../../modules/billing-ledger/service"
import { decimalField } from "../../../utils/decimal-field"
import { postingEntries } from "../../billing/ledger-accounts"

/** The fee posting's idempotency key: one per notice, i.e. per invoice and level. */
export const dunningFeeKey = (notice: { invoice_id: string; level: number }) => `dunning_fee:${notice.invoice_id}:${notice.level}`

export const postDunningFeesStepId = "billing-dunning-post-fees"

/**
 * Books the fee of every notice not delivered yet — the ones this run wrote and any an interrupted run left
 * — and returns those notices' ids for delivery. A fee debits the customer with the reminded invoice's id
 * (its open item grows) and credits the fees account. Idempotent by key; the ledger is append-only, so a
 * booked fee is not compensated (a wrong one is reversed by a manual booking).
 */
export const postDunningFeesStep = createStep(postDunningFeesStepId, async (input: { dry_run: boolean }, { container }) => {
  if (input.dry_run) {
    return new StepResponse([] as string[])
  }
  const dunning = container.resolve<BillingDunningModuleService>(BILLING_DUNNING_MODULE)
  const notices = await dunning.listBillingDunningNotices({ delivered_at: null }, { order: { created_at: "ASC" } })
  const postings: PostingInput[] = notices
    .filter((notice) => MathBN.gt(decimalField(notice, "fee") ?? "0", 0))
    .map((notice) => ({
      idempotency_key: dunningFeeKey(notice),
      kind: "fee",
      booking_date: notice.notice_date,
      currency_code: notice.currency_code,
      customer_id: notice.customer_id,
      reference_type: "billing_dunning_notice",
      reference_id: notice.id,
      description: `Dunning fee level ${notice.level} for invoice ${notice.invoice_number}`,
      entries: postingEntries(dunningFeeEntries(notice.customer_id, decimalField(notice, "fee") as string), notice.currency_code, notice.invoice_id),
    }))
  if (postings.length) {
    await container.resolve<BillingLedgerModuleService>(BILLING_LEDGER_MODULE).post(postings)
  }
  return new StepResponse(notices.map((notice) => notice.id))
})
