import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { itemContractMismatch } from "../../../domain/billing-calendar"
import { IntervalUnit } from "../../../domain/calendar-date"
import { firstBillableDay, itemDatesProblem } from "../../../domain/contract-rules"
import { resolvePrice } from "../../../domain/price-resolution"
import { BILLING_CATALOG_MODULE } from "../../../modules/billing-catalog"
import BillingCatalogModuleService from "../../../modules/billing-catalog/service"
import { decimalField } from "../../../utils/decimal-field"

export interface ItemsToValidate {
  contract: {
    project_id: string
    interval_unit: IntervalUnit
    currency_code: string
    start_date: string
    end_date?: string | null
    billed_until?: string | null
  }
  /** Request field the items came from, so errors point at `items[2].article_id` or `add[0].quantity`. */
  field: string
  items: {
    article_id: string
    quantity?: number
    valid_from: string
    valid_to?: string | null
    billing_from?: string | null
    custom_unit_price?: number | string | null
  }[]
}

export const validateContractItemsStepId = "billing-validate-contract-items"

/**
 * The FAQ's two reasons an article cannot go on a contract (another project, another unit) and its
 * "some prices could not be determined", checked before anything is written, each naming the item.
 */
export const validateContractItemsStep = createStep(
  validateContractItemsStepId,
  async (input: ItemsToValidate, { container }) => {
    if (!input.items.length) {
      return new StepResponse(undefined)
    }
    const catalog = container.resolve<BillingCatalogModuleService>(BILLING_CATALOG_MODULE)
    const articles = await catalog.listBillingArticles(
      { id: [...new Set(input.items.map((item) => item.article_id))] },
      { relations: ["price_variants", "project"] }
    )
    const byId = new Map(articles.map((article) => [article.id, article]))
    const fail = (index: number, message: string) => {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `${input.field}[${index}].${message}`)
    }
    input.items.forEach((item, index) => {
      const article = byId.get(item.article_id)
      if (!article) {
        return fail(index, `article_id: article "${item.article_id}" does not exist`)
      }
      if (article.project.id !== input.contract.project_id) {
        return fail(
          index,
          `article_id: article "${article.name}" (${article.id}) belongs to project "${article.project.code}", not to the contract's project`
        )
      }
      const mismatch = itemContractMismatch(input.contract, article)
      if (mismatch) {
        return fail(index, `article_id: ${mismatch}`)
      }
      const datesProblem = itemDatesProblem(input.contract, item)
      if (datesProblem) {
        return fail(index, datesProblem)
      }
      if (article.kind === "usage" || (item.custom_unit_price ?? null) !== null) {
        return
      }
      const quantity = item.quantity ?? 1
      const date = firstBillableDay(input.contract, item)
      const variants = article.price_variants.map((v) => ({
        id: v.id,
        currency_code: v.currency_code,
        amount: decimalField(v, "amount") as string,
        valid_from: v.valid_from,
        min_quantity: v.min_quantity,
      }))
      if (!resolvePrice(variants, { currency_code: input.contract.currency_code, quantity, date })) {
        fail(
          index,
          `article_id: No price for article "${article.name}" (${article.id}) in ${input.contract.currency_code.toUpperCase()} for quantity ${quantity} on ${date}`
        )
      }
    })
    return new StepResponse(undefined)
  }
)
