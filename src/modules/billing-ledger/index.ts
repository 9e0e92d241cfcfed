import { Module } from "@medusajs/framework/utils"
import BillingLedgerModuleService from "./service"

export const BILLING_LEDGER_MODULE = "billingLedger"

export default Module(BILLING_LEDGER_MODULE, {
  service: BillingLedgerModuleService,
})

export { BillingLedgerModuleService }
