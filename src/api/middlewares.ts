import { defineMiddlewares } from "@medusajs/framework/http"
import { articleGroupMiddlewares } from "./admin/billing/article-groups/middlewares"
import { bankMiddlewares } from "./admin/billing/bank/middlewares"
import { billingMiddlewares } from "./admin/billing/billing-middlewares"
import { collectionMiddlewares } from "./admin/billing/collections/middlewares"
import { dunningMiddlewares } from "./admin/billing/dunning/middlewares"
import { articleMiddlewares } from "./admin/billing/articles/middlewares"
import { contractMiddlewares } from "./admin/billing/contracts/middlewares"
import { projectMiddlewares } from "./admin/billing/projects/middlewares"
import { taxGroupMiddlewares } from "./admin/billing/tax-groups/middlewares"

export default defineMiddlewares({
  routes: [
    ...projectMiddlewares,
    ...taxGroupMiddlewares,
    ...articleGroupMiddlewares,
    ...articleMiddlewares,
    ...contractMiddlewares,
    ...billingMiddlewares,
    ...bankMiddlewares,
    ...collectionMiddlewares,
    ...dunningMiddlewares,
  ],
})
