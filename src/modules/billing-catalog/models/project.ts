import { model } from "@medusajs/framework/utils"
import Article from "./article"

/** Groups articles and contracts; linked read-only to a Medusa sales channel through `sales_channel_id`. */
const Project = model
  .define("billing_project", {
    id: model.id({ prefix: "bprj" }).primaryKey(),
    code: model.text().searchable(),
    name: model.text().searchable(),
    description: model.text().nullable(),
    sales_channel_id: model.text().nullable(),
    default_currency_code: model.text().default("eur"),
    contract_number_prefix: model.text().default("V-"),
    invoice_number_format: model.text().default("RE-{YYYY}-{SEQ:6}"),
    cancellation_number_format: model.text().default("ST-{YYYY}-{SEQ:6}"),
    payment_term_days: model.number().default(14),
    metadata: model.json().nullable(),
    articles: model.hasMany(() => Article, { mappedBy: "project" }),
  })
  .indexes([{ on: ["code"], unique: true, where: "deleted_at IS NULL" }])

export default Project
