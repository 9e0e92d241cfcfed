import { defineLink } from "@medusajs/framework/utils"
import SalesChannelModule from "@medusajs/medusa/sales-channel"
import BillingCatalogModule from "../modules/billing-catalog"

export default defineLink(
  { linkable: BillingCatalogModule.linkable.billingProject, field: "sales_channel_id" },
  SalesChannelModule.linkable.salesChannel,
  { readOnly: true }
)
