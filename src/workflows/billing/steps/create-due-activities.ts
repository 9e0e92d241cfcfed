import { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CalendarItem, computeDueActivities, DueActivity } from "../../../domain/billing-calendar"
import { BILLING_CATALOG_MODULE } from "../../../modules/billing-catalog"
import BillingCatalogModuleService from "../../../modules/billing-catalog/service"
import { BILLING_CONTRACT_MODULE } from "../../../modules/billing-contract"
import BillingContractModuleService, { ActivityRow } from "../../../modules/billing-contract/service"
import { decimalField } from "../../../utils/decimal-field"
import { BillingRunInput, ContractError } from "../types"

const PAGE = 500

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
  let after = ""
  for (;;) {
    const page = await contracts.listBillingContracts(
      {
        status: ["active", "cancelled", "ended"],
        id: { $gt: after },
        ...(input.contract_ids ? { $and: [{ id: input.contract_ids }] } : {}),
      },
      { relations: ["items"], order: { id: "ASC" }, take: PAGE }
    )
    if (!page.length) {
      break
    }
    after = page[page.length - 1].id
    const itemIds = page.flatMap((c) => c.items.map((i) => i.id))
    const existing = itemIds.length
      ? await contracts.listBillingActivities(
          { contract_item_id: itemIds },
          { select: ["contract_item_id", "service_from", "service_to", "quantity", "kind"] }
        )
      : []
    const existingByItem = new Map<string, typeof existing>()
    for (const activity of existing) {
      const key = activity.contract_item_id as string
      existingByItem.set(key, [...(existingByItem.get(key) ?? []), activity])
    }
    await loadCalendarArticles(catalog, [...new Set(page.flatMap((c) => c.items.map((i) => i.article_id)))], cache)

    const rows: ActivityRow[] = []
    for (const contract of page) {
      result.contracts_processed += 1
      const items: CalendarItem[] = contract.items.flatMap((item) => {
        const article = cache.get(item.article_id)
        return article
          ? [{
              id: item.id,
              quantity: item.quantity,
              valid_from: item.valid_from,
              valid_to: item.valid_to,
              billing_from: item.billing_from,
              custom_unit_price: decimalField(item, "custom_unit_price"),
              article,
            }]
          : []
      })
      const history = contract.items.flatMap((item) =>
        (existingByItem.get(item.id) ?? []).map((a) => ({
          contract_item_id: item.id,
          service_from: a.service_from,
          service_to: a.service_to,
          quantity: Number(a.quantity),
          kind: a.kind,
        }))
      )
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
    }
    for (let i = 0; i < rows.length; i += 1000) {
      result.activities_created += await contracts.insertActivities(rows.slice(i, i + 1000))
    }
  }
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
