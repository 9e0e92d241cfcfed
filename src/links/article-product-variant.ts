import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import BillingCatalogModule from "../modules/billing-catalog"

export default defineLink(
  { linkable: BillingCatalogModule.linkable.billingArticle, field: "product_variant_id" },
  ProductModule.linkable.productVariant,
  { readOnly: true }
)
