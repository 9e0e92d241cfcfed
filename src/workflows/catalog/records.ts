import { BILLING_CATALOG_MODULE } from "../../modules/billing-catalog"
import { createRecordsStep, softDeleteRecordsStep, updateRecordsStep } from "../common/records"

const target = (plural: string) => ({ module: BILLING_CATALOG_MODULE, plural })

export const createProjectsStep = createRecordsStep("billing-create-projects", target("BillingProjects"))
export const updateProjectsStep = updateRecordsStep("billing-update-projects", target("BillingProjects"))
export const deleteProjectsStep = softDeleteRecordsStep("billing-delete-projects", target("BillingProjects"))

export const createTaxGroupsStep = createRecordsStep("billing-create-tax-groups", target("BillingTaxGroups"))
export const updateTaxGroupsStep = updateRecordsStep("billing-update-tax-groups", target("BillingTaxGroups"))
export const deleteTaxGroupsStep = softDeleteRecordsStep("billing-delete-tax-groups", target("BillingTaxGroups"))
export const createTaxRatesStep = createRecordsStep("billing-create-tax-rates", target("BillingTaxRates"))
export const deleteTaxRatesStep = softDeleteRecordsStep("billing-delete-tax-rates", target("BillingTaxRates"))

export const createArticleGroupsStep = createRecordsStep("billing-create-article-groups", target("BillingArticleGroups"))
export const updateArticleGroupsStep = updateRecordsStep("billing-update-article-groups", target("BillingArticleGroups"))
export const deleteArticleGroupsStep = softDeleteRecordsStep("billing-delete-article-groups", target("BillingArticleGroups"))

export const createArticlesStep = createRecordsStep("billing-create-articles", target("BillingArticles"))
export const updateArticlesStep = updateRecordsStep("billing-update-articles", target("BillingArticles"))
export const deleteArticlesStep = softDeleteRecordsStep("billing-delete-articles", target("BillingArticles"))
export const createPriceVariantsStep = createRecordsStep("billing-create-price-variants", target("BillingPriceVariants"))
export const updatePriceVariantsStep = updateRecordsStep("billing-update-price-variants", target("BillingPriceVariants"))
export const deletePriceVariantsStep = softDeleteRecordsStep("billing-delete-price-variants", target("BillingPriceVariants"))
