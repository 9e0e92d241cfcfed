import { MedusaService } from "@medusajs/framework/utils"
import Article from "./models/article"
import ArticleGroup from "./models/article-group"
import PriceVariant from "./models/price-variant"
import Project from "./models/project"
import TaxGroup from "./models/tax-group"
import TaxRate from "./models/tax-rate"

class BillingCatalogModuleService extends MedusaService({
  BillingProject: Project,
  BillingTaxGroup: TaxGroup,
  BillingTaxRate: TaxRate,
  BillingArticleGroup: ArticleGroup,
  BillingArticle: Article,
  BillingPriceVariant: PriceVariant,
}) {}

export default BillingCatalogModuleService
