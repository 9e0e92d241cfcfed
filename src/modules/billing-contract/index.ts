import { Module } from "@medusajs/framework/utils"
import BillingContractModuleService from "./service"

export const BILLING_CONTRACT_MODULE = "billingContract"

export default Module(BILLING_CONTRACT_MODULE, {
  service: BillingContractModuleService,
})

export { BillingContractModuleService }
