import { Module } from "@medusajs/framework/utils"
import BillingInvoiceModuleService from "./service"

export const BILLING_INVOICE_MODULE = "billingInvoice"

export default Module(BILLING_INVOICE_MODULE, {
  service: BillingInvoiceModuleService,
})

export { BillingInvoiceModuleService }
