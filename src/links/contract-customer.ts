import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import BillingContractModule from "../modules/billing-contract"

// Read-only: the contract keeps `customer_id` itself (filtering, uniqueness); the link lets
// `query.graph` fetch `contract.customer` without a pivot table.
export default defineLink(
  { linkable: BillingContractModule.linkable.billingContract, field: "customer_id" },
  CustomerModule.linkable.customer,
  { readOnly: true }
)
