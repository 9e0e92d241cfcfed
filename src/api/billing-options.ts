import { MedusaContainer } from "@medusajs/framework/types"
import { BILLING_INVOICE_MODULE } from "../modules/billing-invoice"
import BillingInvoiceModuleService from "../modules/billing-invoice/service"

/** The plugin options routes need, read from the invoice module that received them. */
export function billingOptions(container: MedusaContainer) {
  const invoices = container.resolve<BillingInvoiceModuleService>(BILLING_INVOICE_MODULE)
  return { allow_future_billing_runs: invoices.allowFutureBillingRuns() }
}
