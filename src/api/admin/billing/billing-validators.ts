import { z } from "@medusajs/framework/zod"
import { createFindParams, createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { currencyCode, isoDate, moneyAmount, stringOrList } from "./common-validators"

export const AdminGetBillingRecordParams = createSelectParams()

export const AdminStartBillingRun = z.strictObject({
  as_of: isoDate.optional(),
  dry_run: z.boolean().optional(),
  contract_ids: z.array(z.string().min(1)).min(1).optional(),
})

export const AdminListBillingRunsParams = createFindParams({ limit: 20, offset: 0, order: "-started_at" }).extend({
  status: stringOrList.optional(),
})

export const AdminListInvoicesParams = createFindParams({ limit: 20, offset: 0, order: "-created_at" }).extend({
  q: z.string().optional(),
  id: stringOrList.optional(),
  number: stringOrList.optional(),
  status: stringOrList.optional(),
  kind: stringOrList.optional(),
  customer_id: stringOrList.optional(),
  contract_id: stringOrList.optional(),
  project_id: stringOrList.optional(),
  billing_run_id: stringOrList.optional(),
})

export const AdminCancelInvoice = z.strictObject({
  release_activities: z.boolean().optional(),
  reason: z.string().max(500).nullish(),
})

export const AdminUpdateContractItem = z.strictObject({
  billing_from: isoDate.nullish(),
  custom_unit_price: moneyAmount.nullish(),
  description: z.string().nullish(),
})

export const AdminLedgerParams = z.strictObject({ currency_code: currencyCode.optional() })

export const AdminCreateLedgerBooking = z.strictObject({
  amount: moneyAmount,
  currency_code: currencyCode,
  direction: z.enum(["credit", "debit"]),
  counter_account: z.enum(["bank", "manual", "write_off", "fees"]).optional(),
  booking_date: isoDate.optional(),
  reason: z.string().min(1).max(500),
  reference: z.string().max(200).nullish(),
  invoice_id: z.string().nullish(),
})

export type AdminStartBillingRunType = z.infer<typeof AdminStartBillingRun>
export type AdminCancelInvoiceType = z.infer<typeof AdminCancelInvoice>
export type AdminUpdateContractItemType = z.infer<typeof AdminUpdateContractItem>
export type AdminLedgerParamsType = z.infer<typeof AdminLedgerParams>
export type AdminCreateLedgerBookingType = z.infer<typeof AdminCreateLedgerBooking>

export const AdminListMailLogParams = createFindParams({ limit: 50, offset: 0, order: "-created_at" }).extend({
  status: stringOrList.optional(),
  invoice_id: stringOrList.optional(),
  customer_id: stringOrList.optional(),
  recipient: stringOrList.optional(),
})
