import { z } from "@medusajs/framework/zod"
import { createFindParams, createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { currencyCode, intervalUnit, isoDate, metadata, moneyAmount, stringOrList, term } from "../common-validators"

export const AdminGetContractParams = createSelectParams()

export const AdminListContractsParams = createFindParams({ limit: 20, offset: 0, order: "-created_at" }).extend({
  q: z.string().optional(),
  id: stringOrList.optional(),
  number: stringOrList.optional(),
  status: z.union([z.enum(["draft", "active", "cancelled", "ended"]), z.array(z.enum(["draft", "active", "cancelled", "ended"]))]).optional(),
  customer_id: stringOrList.optional(),
  project_id: stringOrList.optional(),
})

export const AdminContractItem = z.strictObject({
  article_id: z.string().min(1),
  quantity: z.number().int().min(1).optional(),
  valid_from: isoDate.optional(),
  valid_to: isoDate.nullish(),
  billing_from: isoDate.nullish(),
  custom_unit_price: moneyAmount.nullish(),
  description: z.string().nullish(),
})

const contractFields = {
  project_id: z.string().min(1),
  customer_id: z.string().min(1),
  number: z.string().min(1).max(64).optional(),
  currency_code: currencyCode.optional(),
  start_date: isoDate,
  end_date: isoDate.nullish(),
  interval_count: z.number().int().min(1).max(120).optional(),
  interval_unit: intervalUnit,
  billing_mode: z.enum(["advance", "arrears"]).optional(),
  minimum_term: term.nullish(),
  renewal_term: term.nullish(),
  notice_period: term.nullish(),
  billed_until: isoDate.nullish(),
  payment_method: z.enum(["invoice", "sepa_debit", "card"]).optional(),
  metadata,
}

export const AdminCreateContract = z.strictObject({
  ...contractFields,
  items: z.array(AdminContractItem).optional(),
})

export const AdminUpdateContract = z.strictObject(contractFields).partial()

export const AdminCancelContract = z.strictObject({
  notice_received_on: isoDate.optional(),
  end_date: isoDate.optional(),
})

export const AdminEndContract = z.strictObject({ end_date: isoDate.optional() })

export const AdminChangeContractItems = z.strictObject({
  date: isoDate,
  end_item_ids: z.array(z.string().min(1)).optional(),
  add: z.array(AdminContractItem.omit({ valid_from: true })).optional(),
  resume_on: isoDate.nullish(),
  reactivate_item_ids: z.array(z.string().min(1)).optional(),
})

export const AdminContractPreviewParams = z.strictObject({ as_of: isoDate.optional() })

export const AdminListContractActivitiesParams = createFindParams({ limit: 50, offset: 0, order: "service_from" }).extend({
  origin: z.union([z.enum(["SUBSCRIPTION", "ONE_TIME", "USAGE", "MANUAL"]), z.array(z.enum(["SUBSCRIPTION", "ONE_TIME", "USAGE", "MANUAL"]))]).optional(),
  kind: z.enum(["charge", "credit"]).optional(),
  due_date: z.object({ lte: isoDate.optional(), gte: isoDate.optional() }).optional(),
})

export type AdminCreateContractType = z.infer<typeof AdminCreateContract>
export type AdminUpdateContractType = z.infer<typeof AdminUpdateContract>
export type AdminCancelContractType = z.infer<typeof AdminCancelContract>
export type AdminEndContractType = z.infer<typeof AdminEndContract>
export type AdminChangeContractItemsType = z.infer<typeof AdminChangeContractItems>
export type AdminContractPreviewParamsType = z.infer<typeof AdminContractPreviewParams>
