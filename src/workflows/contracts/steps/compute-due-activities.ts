import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CalendarItem, computeDueActivities, ExistingActivity } from "../../../domain/billing-calendar"
import { BILLING_CATALOG_MODULE } from "../../../modules/billing-catalog"
import BillingCatalogModuleService from "../../../modules/billing-catalog/service"
import { BILLING_CONTRACT_MODULE } from "../../../modules/billing-contract"
import BillingContractModuleService from "../../../modules/billing-contract/service"
import { LoadedContract } from "./load-contract"
import { decimalField } from "../../../utils/decimal-field"
import { loadCalendarArticles } from "../../billing/steps/create-due-activities"

export const computeDueActivitiesStepId = "billing-compute-due-activities"

/** Feeds one contract, its articles' prices and its existing activities to the billing calendar. Reads only. */
export const computeDueActivitiesStep = createStep(
  computeDueActivitiesStepId,
  async (input: { contract: LoadedContract; as_of: string }, { container }) => {
    const catalog = container.resolve<BillingCatalogModuleService>(BILLING_CATALOG_MODULE)
    const contracts = container.resolve<BillingContractModuleService>(BILLING_CONTRACT_MODULE)
    const { contract } = input
    const articles = await loadCalendarArticles(catalog, [...new Set(contract.items.map((i) => i.article_id))])
    const items: CalendarItem[] = contract.items.map((item) => ({
      id: item.id,
      quantity: item.quantity,
      valid_from: item.valid_from,
      valid_to: item.valid_to,
      billing_from: item.billing_from,
      custom_unit_price: decimalField(item, "custom_unit_price"),
      article: articles.get(item.article_id)!,
    }))
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
