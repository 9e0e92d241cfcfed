import { defineLink } from "@medusajs/framework/utils"
import BillingCatalogModule from "../modules/billing-catalog"
import BillingContractModule from "../modules/billing-contract"

export default defineLink(
  { linkable: BillingContractModule.linkable.billingContractItem, field: "article_id" },
  BillingCatalogModule.linkable.billingArticle,
  { readOnly: true }
)
