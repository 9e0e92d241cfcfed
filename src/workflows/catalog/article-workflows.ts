import { MedusaError } from "@medusajs/framework/utils"
import {
  createStep,
  createWorkflow,
  StepResponse,
  transform,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { BILLING_CATALOG_MODULE } from "../../modules/billing-catalog"
import BillingCatalogModuleService from "../../modules/billing-catalog/service"
import { assertNotInUseStep } from "../common/assert-not-in-use"
import { assertReferencesStep } from "../common/assert-references"
import {
  createArticlesStep,
  createPriceVariantsStep,
  deleteArticlesStep,
  deletePriceVariantsStep,
  updateArticlesStep,
  updatePriceVariantsStep,
} from "./records"
import { ArticleInput, PriceVariantInput } from "./types"

/** Subscription articles are priced per period of their unit; the others have no unit at all. */
export function articleUnitProblem(kind: ArticleInput["kind"], unit: ArticleInput["unit"]): string | null {
  if (kind === "subscription" && !unit) {
    return "unit: a subscription article needs a unit (DAY, WEEK, MONTH or YEAR)"
  }
  if (kind !== "subscription" && unit) {
    return `unit: a ${kind.replace("_", "-")} article has no unit`
  }
  return null
}

function duplicatePriceProblem(variants: PriceVariantInput[], existing: PriceVariantInput[] = []): string | null {
  const key = (v: PriceVariantInput) => `${v.currency_code.toLowerCase()}|${v.valid_from}|${v.min_quantity ?? 1}`
  const seen = new Set(existing.map(key))
  for (const [index, variant] of variants.entries()) {
    if (seen.has(key(variant))) {
      return `price_variants[${index}]: another price in ${variant.currency_code.toUpperCase()} from ${variant.valid_from} for minimum quantity ${variant.min_quantity ?? 1} exists`
    }
    seen.add(key(variant))
  }
  return null
}

const validateArticleStep = createStep(
  "billing-validate-article",
  async (input: Pick<ArticleInput, "kind" | "unit"> & { price_variants: PriceVariantInput[] }) => {
    const problem = articleUnitProblem(input.kind, input.unit) ?? duplicatePriceProblem(input.price_variants)
    if (problem) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, problem)
    }
    return new StepResponse(undefined)
  }
)

const validateNewPriceVariantsStep = createStep(
  "billing-validate-new-price-variants",
  async (input: { article_id: string; price_variants: PriceVariantInput[] }, { container }) => {
    const catalog = container.resolve<BillingCatalogModuleService>(BILLING_CATALOG_MODULE)
    const existing = await catalog.listBillingPriceVariants({ article_id: input.article_id })
    const problem = duplicatePriceProblem(
      input.price_variants,
      existing.map((v) => ({ currency_code: v.currency_code, valid_from: v.valid_from, min_quantity: v.min_quantity, amount: 0 }))
    )
    if (problem) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, problem)
    }
    return new StepResponse(undefined)
  }
)

const normalisePrices = (variants: PriceVariantInput[], articleId: string) =>
  variants.map((v) => ({ ...v, currency_code: v.currency_code.toLowerCase(), article_id: articleId }))

export const createArticleWorkflowId = "billing-create-article"
export const createArticleWorkflow = createWorkflow(createArticleWorkflowId, (input: WorkflowData<ArticleInput>) => {
  validateArticleStep(
    transform({ input }, ({ input }) => ({ kind: input.kind, unit: input.unit, price_variants: input.price_variants ?? [] }))
  )
  assertReferencesStep(
    transform({ input }, ({ input }) => [
      { field: "project_id", entity: "billing_project", id: input.project_id },
      { field: "article_group_id", entity: "billing_article_group", id: input.article_group_id },
      { field: "product_variant_id", entity: "product_variant", id: input.product_variant_id },
    ])
  )
  const articles = transform({ input }, ({ input }) => {
    const { price_variants: _prices, ...article } = input
    return [{ ...article, unit: article.unit ?? null }]
  })
  const created = createArticlesStep(articles)
  createPriceVariantsStep(
    transform({ input, created }, ({ input, created }) => normalisePrices(input.price_variants ?? [], created[0].id))
  )
  return new WorkflowResponse(transform({ created }, ({ created }) => created[0]))
})

export type ArticleUpdate = { id: string } & Partial<
  Pick<ArticleInput, "article_group_id" | "number" | "name" | "description" | "product_variant_id" | "metadata">
>

export const updateArticleWorkflowId = "billing-update-article"
export const updateArticleWorkflow = createWorkflow(updateArticleWorkflowId, (input: WorkflowData<ArticleUpdate>) => {
  assertReferencesStep(
    transform({ input }, ({ input }) => [
      { field: "article_group_id", entity: "billing_article_group", id: input.article_group_id },
      { field: "product_variant_id", entity: "product_variant", id: input.product_variant_id },
    ])
  )
  const updated = updateArticlesStep(transform({ input }, ({ input }) => [input]))
  return new WorkflowResponse(transform({ updated }, ({ updated }) => updated[0]))
})

export const deleteArticleWorkflowId = "billing-delete-article"
export const deleteArticleWorkflow = createWorkflow(deleteArticleWorkflowId, (input: WorkflowData<{ id: string }>) => {
  assertNotInUseStep(
    transform({ input }, ({ input }) => [
      { subject: `article "${input.id}"`, entity: "billing_contract_item", field: "article_id", id: input.id, dependants: "contract items" },
    ])
  )
  deleteArticlesStep(transform({ input }, ({ input }) => [input.id]))
  return new WorkflowResponse(input.id)
})

export const addPriceVariantsWorkflowId = "billing-add-price-variants"
export const addPriceVariantsWorkflow = createWorkflow(
  addPriceVariantsWorkflowId,
  (input: WorkflowData<{ article_id: string; price_variants: PriceVariantInput[] }>) => {
    validateNewPriceVariantsStep(input)
    const created = createPriceVariantsStep(
      transform({ input }, ({ input }) => normalisePrices(input.price_variants, input.article_id))
    )
    return new WorkflowResponse(created)
  }
)

export const updatePriceVariantWorkflowId = "billing-update-price-variant"
export const updatePriceVariantWorkflow = createWorkflow(
  updatePriceVariantWorkflowId,
  (input: WorkflowData<{ id: string; amount?: number | string }>) => {
    const updated = updatePriceVariantsStep(transform({ input }, ({ input }) => [input]))
    return new WorkflowResponse(transform({ updated }, ({ updated }) => updated[0]))
  }
)

export const deletePriceVariantWorkflowId = "billing-delete-price-variant"
export const deletePriceVariantWorkflow = createWorkflow(
  deletePriceVariantWorkflowId,
  (input: WorkflowData<{ id: string }>) => {
    deletePriceVariantsStep(transform({ input }, ({ input }) => [input.id]))
    return new WorkflowResponse(input.id)
  }
)
