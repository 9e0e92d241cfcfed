import { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CalendarItem, computeDueActivities, DueActivity, ExistingActivity, nextDueDate } from "../../../domain/billing-calendar"
import { BILLING_CATALOG_MODULE } from "../../../modules/billing-catalog"
import BillingCatalogModuleService from "../../../modules/billing-catalog/service"
import { BILLING_CONTRACT_MODULE } from "../../../modules/billing-contract"
import BillingContractModuleService, { ActivityRow } from "../../../modules/billing-contract/service"
import { decimalField } from "../../../utils/decimal-field"
import { settleLater } from "../../../utils/settle-later"
import { BillingRunInput, ContractError } from "../types"

const PAGE = 1000
/** The watermark of a contract on which nothing will fall due again. */
const NEVER = "9999-12-31"

type Article = CalendarItem["article"]

/** Articles with their prices as the billing calendar reads them; the cache is shared by all contracts of a run. */
export async function loadCalendarArticles(catalog: BillingCatalogModuleService, ids: string[], cache = new Map<string, Article>()) {
  const missing = ids.filter((id) => !cache.has(id))
  if (missing.length) {
    const articles = await catalog.listBillingArticles({ id: missing }, { relations: ["price_variants"] })
    for (const article of articles) {
      cache.set(article.id, {
        id: article.id,
        name: article.name,
        kind: article.kind,
        unit: article.unit,
        price_variants: article.price_variants.map((v) => ({
          id: v.id,
          currency_code: v.currency_code,
          amount: decimalField(v, "amount") as string,
          valid_from: v.valid_from,
          min_quantity: v.min_quantity,
        })),
      })
    }
  }
  return cache
}

export interface DueActivitiesResult {
  contracts_processed: number
  activities_created: number
  errors: ContractError[]
  /** Only for dry runs: what would have been created. */
  planned: (DueActivity & { contract_id: string; currency_code: string })[]
}

/**
 * Part (a) of the billing run: every non-draft contract's due activities up to `as_of`, page by page in id
 * order. A contract whose prices cannot be determined is reported and skipped as a whole; the others go on.
 * Inserting is idempotent (unique activity key), so a re-run or a concurrent run adds nothing twice.
 */
export async function createDueActivities(container: MedusaContainer, input: BillingRunInput): Promise<DueActivitiesResult> {
  const contracts = container.resolve<BillingContractModuleService>(BILLING_CONTRACT_MODULE)
  const catalog = container.resolve<BillingCatalogModuleService>(BILLING_CATALOG_MODULE)
  const cache = new Map<string, Article>()
  const result: DueActivitiesResult = { contracts_processed: 0, activities_created: 0, errors: [], planned: [] }
  // Pipelined: the next page is read, and its calendar computed, while the previous page's activities are
  // written — Node computes while PostgreSQL writes (see docs/BENCHMARKS.md). Writes stay in page order.
  const readPage = (after: string) =>
    // Only contracts whose watermark is due: a re-run, or a run a day later, reads almost nothing.
    contracts.calendarPage({ as_of: input.as_of, after, limit: PAGE, contract_ids: input.contract_ids ?? null })
  let nextPage = settleLater(readPage(""))
  let writing: Promise<void> = Promise.resolve()
  for (;;) {
    const page = await nextPage
    if (!page.length) {
      break
    }
    nextPage = settleLater(readPage(page[page.length - 1].id))
    await loadCalendarArticles(catalog, [...new Set(page.flatMap((c) => c.items.map((i) => i.article_id)))], cache)

    const rows: ActivityRow[] = []
    const watermarks: { id: string; next_due_date: string; version: string }[] = []
    for (const contract of page) {
      result.contracts_processed += 1
      const items: CalendarItem[] = contract.items.flatMap((item) => {
        const article = cache.get(item.article_id)
        return article ? [{ ...item, article }] : []
      })
      const history: ExistingActivity[] = contract.activities.map((a) => ({ ...a, quantity: Number(a.quantity) }))
      const { activities, missing_prices } = computeDueActivities({ contract, items, existing: history, asOf: input.as_of })
      if (missing_prices.length) {
        result.errors.push({ contract_id: contract.id, contract_number: contract.number, message: missing_prices.map((m) => m.message).join("; ") })
        continue
      }
      const seqCounter = new Map<string, number>()
      for (const a of history) {
        const key = `${a.contract_item_id}|${a.kind}|${a.service_from}`
        seqCounter.set(key, (seqCounter.get(key) ?? 0) + 1)
      }
      for (const activity of activities) {
        const key = `${activity.contract_item_id}|${activity.kind}|${activity.service_from}`
        const seq = seqCounter.get(key) ?? 0
        seqCounter.set(key, seq + 1)
        if (input.dry_run) {
          result.planned.push({ ...activity, contract_id: contract.id, currency_code: contract.currency_code })
          continue
        }
        rows.push({
          contract_id: contract.id,
          contract_item_id: activity.contract_item_id,
          article_id: activity.article_id,
          origin: activity.origin,
          kind: activity.kind,
          seq,
          description: cache.get(activity.article_id)?.name ?? null,
          period_start: activity.period_start,
          period_end: activity.period_end,
          service_from: activity.service_from,
          service_to: activity.service_to,
          due_date: activity.due_date,
          quantity: String(activity.quantity),
          unit_price: activity.unit_price,
          amount: activity.amount,
          currency_code: contract.currency_code,
          price_variant_id: activity.price_variant_id,
        })
      }
      if (!input.dry_run && items.length === contract.items.length) {
        const next = nextDueDate({ contract, items, existing: [...history, ...activities], asOf: input.as_of })
        watermarks.push({ id: contract.id, next_due_date: next ?? NEVER, version: contract.version })
      }
    }
    await writing
    writing = settleLater(
      (async () => {
        for (let i = 0; i < rows.length; i += 5000) {
          result.activities_created += await contracts.insertActivities(rows.slice(i, i + 5000))
        }
        // After the activities are stored: a crash in between leaves the watermark unset, and the contract is
        // simply recomputed (finding nothing new) by the next run.
        await contracts.setNextDueDates(watermarks)
      })()
    )
  }
  await writing
  return result
}

export const createDueActivitiesStepId = "billing-create-due-activities"

/**
 * No compensation on purpose: activities are facts derived from contracts; keeping them after a later
 * failure is what lets the next run resume instead of starting over.
 */
export const createDueActivitiesStep = createStep(createDueActivitiesStepId, async (input: BillingRunInput, { container }) => {
  return new StepResponse(await createDueActivities(container, input))
})
