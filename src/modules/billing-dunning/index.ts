import { Module } from "@medusajs/framework/utils"
import BillingDunningModuleService from "./service"

export const BILLING_DUNNING_MODULE = "billingDunning"

export default Module(BILLING_DUNNING_MODULE, {
  service: BillingDunningModuleService,
})

export { BillingDunningModuleService }
