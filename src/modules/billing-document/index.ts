import { Module } from "@medusajs/framework/utils"
import BillingDocumentModuleService from "./service"

export const BILLING_DOCUMENT_MODULE = "billingDocument"

export default Module(BILLING_DOCUMENT_MODULE, {
  service: BillingDocumentModuleService,
})

export { BillingDocumentModuleService }
