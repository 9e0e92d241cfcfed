export const articleFields = [
  "id",
  "number",
  "name",
  "description",
  "kind",
  "unit",
  "product_variant_id",
  "metadata",
  "project.id",
  "project.code",
  "article_group.id",
  "article_group.code",
  "article_group.name",
  "price_variants.id",
  "price_variants.currency_code",
  "price_variants.amount",
  "price_variants.valid_from",
  "price_variants.min_quantity",
  "created_at",
  "updated_at",
]

export const retrieveArticleConfig = { defaults: articleFields, isList: false }
export const listArticlesConfig = { defaults: articleFields, isList: true, defaultLimit: 20 }
