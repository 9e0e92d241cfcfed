import { Module } from "@medusajs/framework/utils"
import BillingPaymentModuleService from "./service"

export const BILLING_PAYMENT_MODULE = "billingPayment"

export default Module(BILLING_PAYMENT_MODULE, {
  service: BillingPaymentModuleService,
})

export { BillingPaymentModuleService }
