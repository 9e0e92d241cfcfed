import { Module } from "@medusajs/framework/utils"
import BillingCatalogModuleService from "./service"

export const BILLING_CATALOG_MODULE = "billingCatalog"

export default Module(BILLING_CATALOG_MODULE, {
  service: BillingCatalogModuleService,
})

export { BillingCatalogModuleService }
