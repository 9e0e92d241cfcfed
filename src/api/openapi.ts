import { z } from "@medusajs/framework/zod"
import { existsSync, readFileSync } from "fs"
import { dirname, join } from "path"
import * as articleGroups from "./admin/billing/article-groups/validators"
import * as articles from "./admin/billing/articles/validators"
import * as contracts from "./admin/billing/contracts/validators"
import * as projects from "./admin/billing/projects/validators"
import * as taxGroups from "./admin/billing/tax-groups/validators"
import * as billing from "./admin/billing/billing-validators"
import { bankRouteDocs } from "./admin/billing/bank/openapi"
import { collectionRouteDocs } from "./admin/billing/collections/openapi"
import { dunningRouteDocs } from "./admin/billing/dunning/openapi"

type Method = "get" | "post" | "delete"

export interface RouteDoc {
  method: Method
  path: string
  summary: string
  tag: string
  body?: z.ZodType
  query?: z.ZodType
  /** Top-level key(s) of the JSON answer. */
  returns: string
  created?: boolean
}

/**
 * Every plugin route, with the zod schemas its middleware validates against. The OpenAPI document is
 * generated from this table (`npm run openapi`), and a unit test fails when a route file exists that is
 * not in the table or the committed docs/openapi.json is stale.
 */
export const routeDocs: RouteDoc[] = [
  ...crud("Projects", "/admin/billing/projects", "project", "projects", projects.AdminListProjectsParams, projects.AdminCreateProject, projects.AdminUpdateProject),
  ...crud("Tax groups", "/admin/billing/tax-groups", "tax_group", "tax_groups", taxGroups.AdminListTaxGroupsParams, taxGroups.AdminCreateTaxGroup, taxGroups.AdminUpdateTaxGroup),
  { method: "post", path: "/admin/billing/tax-groups/{id}/rates", tag: "Tax groups", summary: "Add a rate valid from a date", body: taxGroups.AdminCreateTaxRate, returns: "tax_group", created: true },
  { method: "delete", path: "/admin/billing/tax-groups/{id}/rates/{rate_id}", tag: "Tax groups", summary: "Delete a rate", returns: "id, object, deleted" },
  ...crud("Article groups", "/admin/billing/article-groups", "article_group", "article_groups", articleGroups.AdminListArticleGroupsParams, articleGroups.AdminCreateArticleGroup, articleGroups.AdminUpdateArticleGroup),
  ...crud("Articles", "/admin/billing/articles", "article", "articles", articles.AdminListArticlesParams, articles.AdminCreateArticle, articles.AdminUpdateArticle),
  { method: "post", path: "/admin/billing/articles/{id}/price-variants", tag: "Articles", summary: "Add price variants (new prices from a date, tiers, currencies)", body: articles.AdminAddPriceVariants, returns: "article", created: true },
  { method: "post", path: "/admin/billing/articles/{id}/price-variants/{price_variant_id}", tag: "Articles", summary: "Change a price variant's amount", body: articles.AdminUpdatePriceVariant, returns: "article" },
  { method: "delete", path: "/admin/billing/articles/{id}/price-variants/{price_variant_id}", tag: "Articles", summary: "Delete a price variant", returns: "id, object, deleted" },
  ...crud("Contracts", "/admin/billing/contracts", "contract", "contracts", contracts.AdminListContractsParams, contracts.AdminCreateContract, contracts.AdminUpdateContract),
  { method: "post", path: "/admin/billing/contracts/{id}/activate", tag: "Contracts", summary: "Activate a draft contract", returns: "contract" },
  { method: "post", path: "/admin/billing/contracts/{id}/cancel", tag: "Contracts", summary: "Cancel; computes the end date from minimum term, renewal term and notice period unless one is given", body: contracts.AdminCancelContract, returns: "end_date, contract" },
  { method: "post", path: "/admin/billing/contracts/{id}/end", tag: "Contracts", summary: "End the contract at a date", body: contracts.AdminEndContract, returns: "contract" },
  { method: "post", path: "/admin/billing/contracts/{id}/change-items", tag: "Contracts", summary: "Up-/downgrade or pause: end items at a date, add items from it, or resume ended items later", body: contracts.AdminChangeContractItems, returns: "ended_item_ids, created_item_ids, contract" },
  { method: "get", path: "/admin/billing/contracts/{id}/preview", tag: "Contracts", summary: "Activities the billing run would create up to as_of, and prices it could not determine (writes nothing)", query: contracts.AdminContractPreviewParams, returns: "as_of, activities, missing_prices" },
  { method: "get", path: "/admin/billing/contracts/{id}/activities", tag: "Contracts", summary: "The contract's activities; origin=SUBSCRIPTION lists due deliveries for logistics", query: contracts.AdminListContractActivitiesParams, returns: "activities, count, offset, limit" },
  { method: "post", path: "/admin/billing/contracts/{id}/items/{item_id}", tag: "Contracts", summary: "Change an item's billing from, custom price or description (re-billing)", body: billing.AdminUpdateContractItem, returns: "contract" },
  { method: "delete", path: "/admin/billing/contracts/{id}/activities/{activity_id}", tag: "Contracts", summary: "Delete an unbilled activity (a still-due one is re-created by the next run)", returns: "id, object, deleted" },
  { method: "post", path: "/admin/billing/contracts/{id}/interim-invoice", tag: "Invoices", summary: "Interim invoice: bill everything due and unbilled of the contract now, offsetting credit", returns: "invoices, run_id", created: true },
  { method: "get", path: "/admin/billing/runs", tag: "Billing runs", summary: "List billing runs with counts and per-contract errors", query: billing.AdminListBillingRunsParams, returns: "runs, count, offset, limit" },
  { method: "post", path: "/admin/billing/runs", tag: "Billing runs", summary: "Run billing now up to as_of (default today), or a dry run that writes nothing", body: billing.AdminStartBillingRun, returns: "run", created: true },
  { method: "get", path: "/admin/billing/runs/{id}", tag: "Billing runs", summary: "Retrieve a billing run", returns: "run" },
  { method: "get", path: "/admin/billing/invoices", tag: "Invoices", summary: "List invoices and cancellation documents", query: billing.AdminListInvoicesParams, returns: "invoices, count, offset, limit" },
  { method: "get", path: "/admin/billing/invoices/{id}", tag: "Invoices", summary: "Retrieve an invoice with lines and tax totals", returns: "invoice" },
  { method: "post", path: "/admin/billing/invoices/{id}/cancel", tag: "Invoices", summary: "Cancel an issued invoice with a cancellation document; optionally release its activities for re-billing", body: billing.AdminCancelInvoice, returns: "invoice, cancellation, released_activity_ids" },
  { method: "get", path: "/admin/billing/customers/{id}/ledger", tag: "Ledger", summary: "Customer account balance and statement with running balance", query: billing.AdminLedgerParams, returns: "customer_id, currency_code, balance, entries" },
  { method: "post", path: "/admin/billing/customers/{id}/ledger/bookings", tag: "Ledger", summary: "Manual booking on the customer account (e.g. an unassignable bank payment as credit)", body: billing.AdminCreateLedgerBooking, returns: "posting_id", created: true },
  { method: "get", path: "/admin/billing/customers/{id}/open-items", tag: "Ledger", summary: "Issued invoices with their open amount", returns: "customer_id, open_items" },
  { method: "get", path: "/admin/billing/invoices/{id}/pdf", tag: "Invoices", summary: "The stored PDF of an issued invoice or cancellation (application/pdf)", returns: "a PDF document" },
  { method: "get", path: "/admin/billing/mail-log", tag: "Mail", summary: "Invoice mails with recipient, subject, status, SMTP error text and attempts", query: billing.AdminListMailLogParams, returns: "mail_log, count, offset, limit" },
  { method: "get", path: "/admin/billing/openapi.json", tag: "Meta", summary: "This document", returns: "the OpenAPI document" },
  ...bankRouteDocs,
  ...collectionRouteDocs,
  ...dunningRouteDocs,
]

function crud(tag: string, base: string, one: string, many: string, list: z.ZodType, create: z.ZodType, update: z.ZodType): RouteDoc[] {
  const label = one.replace(/_/g, " ")
  return [
    { method: "get", path: base, tag, summary: `List ${many.replace(/_/g, " ")}`, query: list, returns: `${many}, count, offset, limit` },
    { method: "post", path: base, tag, summary: `Create a ${label}`, body: create, returns: one, created: true },
    { method: "get", path: `${base}/{id}`, tag, summary: `Retrieve a ${label}`, returns: one },
    { method: "post", path: `${base}/{id}`, tag, summary: `Update a ${label}`, body: update, returns: one },
    { method: "delete", path: `${base}/{id}`, tag, summary: `Delete a ${label}`, returns: "id, object, deleted" },
  ]
}

const schemaOf = (schema: z.ZodType) => {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>
  return json
}

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { type: "object", properties: { type: { type: "string" }, message: { type: "string" } } } } },
})

export function buildOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routeDocs) {
    const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }))
    const queryParams = route.query
      ? Object.entries((schemaOf(route.query).properties ?? {}) as Record<string, unknown>).map(([name, schema]) => ({ name, in: "query", schema }))
      : []
    paths[route.path] ??= {}
    paths[route.path][route.method] = {
      tags: [route.tag],
      summary: route.summary,
      security: [{ bearerAuth: [] }, { cookieAuth: [] }],
      parameters: [...pathParams, ...queryParams],
      ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(route.body) } } } } : {}),
      responses: {
        [route.created ? "201" : "200"]: { description: `JSON with ${route.returns}` },
        "400": errorResponse("Invalid input; the message names the field"),
        "401": errorResponse("Not authenticated"),
        "404": errorResponse("Unknown id"),
      },
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "medusa-subscription-billing admin API",
      version,
      description: "Routes the plugin adds to a Medusa 2 app. Dates are calendar dates YYYY-MM-DD; amounts are decimal strings.",
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer" },
        cookieAuth: { type: "apiKey", in: "cookie", name: "connect.sid" },
      },
    },
    paths,
  }
}

/** The plugin's version, from its package.json — found by walking up, so it works from src/ and from the built package. */
export function pluginVersion(from: string = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "package.json")
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8"))
      if (pkg.name === "medusa-subscription-billing") {
        return pkg.version
      }
    }
  }
  return "0.0.0"
}
