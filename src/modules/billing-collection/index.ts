import { Module } from "@medusajs/framework/utils"
import BillingCollectionModuleService from "./service"

export const BILLING_COLLECTION_MODULE = "billingCollection"

export default Module(BILLING_COLLECTION_MODULE, {
  service: BillingCollectionModuleService,
})

export { BillingCollectionModuleService }
