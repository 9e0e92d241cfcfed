import { AuthHeaders } from "./http"

/** The test runner's axios client (typed `any` by @medusajs/test-utils). */
export type Api = any

export interface PriceVariantBody {
  currency_code: string
  amount: string
  valid_from: string
  min_quantity?: number
}

export async function createProject(api: Api, auth: AuthHeaders, body: Record<string, unknown>) {
  const res = await api.post("/admin/billing/projects", body, auth)
  return res.data.project
}

/** A standard 19 % group from 2020-01-01 and an article group in it. */
export async function createTaxSetup(api: Api, auth: AuthHeaders, code = "vat19") {
  const taxGroup = (
    await api.post(
      "/admin/billing/tax-groups",
      { code, name: `VAT ${code}`, rates: [{ rate: "19", valid_from: "2020-01-01" }] },
      auth
    )
  ).data.tax_group
  const articleGroup = (
    await api.post("/admin/billing/article-groups", { code: `ag-${code}`, name: `Goods ${code}`, tax_group_id: taxGroup.id }, auth)
  ).data.article_group
  return { taxGroup, articleGroup }
}

export async function createArticle(
  api: Api,
  auth: AuthHeaders,
  body: {
    project_id: string
    article_group_id: string
    number: string
    name: string
    kind?: "subscription" | "one_time" | "usage"
    unit?: "DAY" | "WEEK" | "MONTH" | "YEAR" | null
    price_variants?: PriceVariantBody[]
  }
) {
  const res = await api.post("/admin/billing/articles", { kind: "subscription", ...body }, auth)
  return res.data.article
}
