import { defineLink } from "@medusajs/framework/utils"
import BillingCatalogModule from "../modules/billing-catalog"
import BillingContractModule from "../modules/billing-contract"

export default defineLink(
  { linkable: BillingContractModule.linkable.billingContract, field: "project_id" },
  BillingCatalogModule.linkable.billingProject,
  { readOnly: true }
)
