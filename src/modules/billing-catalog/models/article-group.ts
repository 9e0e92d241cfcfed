import { model } from "@medusajs/framework/utils"
import TaxGroup from "./tax-group"
import Article from "./article"

/** Fakturia's "Warengruppe": puts articles into a tax group. */
const ArticleGroup = model
  .define("billing_article_group", {
    id: model.id({ prefix: "bagr" }).primaryKey(),
    code: model.text(),
    name: model.text().searchable(),
    tax_group: model.belongsTo(() => TaxGroup, { mappedBy: "article_groups" }),
    articles: model.hasMany(() => Article, { mappedBy: "article_group" }),
  })
  .indexes([{ on: ["code"], unique: true, where: "deleted_at IS NULL" }])

export default ArticleGroup
