import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CalendarItem, computeDueActivities, ExistingActivity } from "../../../domain/billing-calendar"
import { BILLING_CATALOG_MODULE } from "../../../modules/billing-catalog"
import BillingCatalogModuleService from "../../../modules/billing-catalog/service"
import { BILLING_CONTRACT_MODULE } from "../../../modules/billing-contract"
import BillingContractModuleService from "../../../modules/billing-contract/service"
import { LoadedContract } from "./load-contract"
import { decimalField } from "../../../utils/decimal-field"

export const computeDueActivitiesStepId = "billing-compute-due-activities"

/** Feeds one contract, its articles' prices and its existing activities to the billing calendar. Reads only. */
export const computeDueActivitiesStep = createStep(
  computeDueActivitiesStepId,
  async (input: { contract: LoadedContract; as_of: string }, { container }) => {
    const catalog = container.resolve<BillingCatalogModuleService>(BILLING_CATALOG_MODULE)
    const contracts = container.resolve<BillingContractModuleService>(BILLING_CONTRACT_MODULE)
    const { contract } = input
    const articles = contract.items.length
      ? await catalog.listBillingArticles({ id: [...new Set(contract.items.map((i) => i.article_id))] }, { relations: ["price_variants"] })
      : []
    const articleById = new Map(articles.map((a) => [a.id, a]))
    const items: CalendarItem[] = contract.items.map((item) => {
      const article = articleById.get(item.article_id)!
      return {
        id: item.id,
        quantity: item.quantity,
        valid_from: item.valid_from,
        valid_to: item.valid_to,
        billing_from: item.billing_from,
        custom_unit_price: decimalField(item, "custom_unit_price"),
        article: {
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
        },
      }
    })
    const existing: ExistingActivity[] = (
      await contracts.listBillingActivities({ contract_id: contract.id, contract_item_id: { $ne: null } })
    ).map((a) => ({
      contract_item_id: a.contract_item_id as string,
      service_from: a.service_from,
      service_to: a.service_to,
      quantity: Number(a.quantity),
      kind: a.kind,
    }))
    const result = computeDueActivities({ contract, items, existing, asOf: input.as_of })
    return new StepResponse(result)
  }
)
