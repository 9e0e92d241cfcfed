import { z } from "@medusajs/framework/zod"
import { createFindParams, createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { isoDate, metadata, stringOrList } from "../common-validators"

/**
 * Shapes only: the SEPA rules (character set, IBAN/BIC, creditor id checksum, dates) are checked by the
 * workflows with the domain's validation, whose messages name the field and the rule.
 */
export const sepaAddress = z.strictObject({
  street_name: z.string().nullish(),
  building_number: z.string().nullish(),
  postal_code: z.string().nullish(),
  town_name: z.string(),
  country_code: z.string(),
})

export const AdminGetCollectionRecordParams = createSelectParams()

export const AdminCreateMandate = z.strictObject({
  mandate_reference: z.string().optional(),
  signature_date: isoDate,
  debtor_name: z.string(),
  debtor_iban: z.string(),
  debtor_bic: z.string().nullish(),
  debtor_address: sepaAddress,
  metadata,
})

export const AdminUpdateMandate = z.strictObject({
  mandate_reference: z.string().optional(),
  debtor_name: z.string().optional(),
  debtor_iban: z.string().optional(),
  debtor_bic: z.string().nullish(),
  debtor_address: sepaAddress.optional(),
  status: z.literal("revoked").optional(),
  revocation_reason: z.string().max(500).nullish(),
  metadata,
})

export const AdminListMandatesParams = createFindParams({ limit: 50, offset: 0, order: "-created_at" }).extend({
  status: stringOrList.optional(),
})

export const AdminSetSepaCreditor = z.strictObject({
  creditor_id: z.string(),
  creditor_name: z.string(),
  creditor_iban: z.string(),
  creditor_bic: z.string().nullish(),
  creditor_address: sepaAddress,
  pre_notification_days: z.number().int().nullish(),
})

export const AdminCreateSepaBatch = z.strictObject({
  collection_date: isoDate.optional(),
  invoice_ids: z.array(z.string().min(1)).min(1).optional(),
})

export const AdminListSepaBatchesParams = createFindParams({ limit: 20, offset: 0, order: "-created_at" }).extend({
  status: stringOrList.optional(),
})

export const AdminUpdateSepaBatch = z.strictObject({
  action: z.enum(["submit", "cancel"]),
})

export const AdminListSepaCollectionsParams = createFindParams({ limit: 50, offset: 0, order: "-created_at" }).extend({
  status: stringOrList.optional(),
  invoice_id: stringOrList.optional(),
  customer_id: stringOrList.optional(),
  batch_id: stringOrList.optional(),
  end_to_end_id: stringOrList.optional(),
})

export const AdminSetCardPaymentMethod = z.strictObject({
  provider_id: z.string().min(1),
  payment_method_token: z.string().min(1),
  account_holder_id: z.string().nullish(),
  label: z.string().max(200).nullish(),
})

export const AdminListCardChargesParams = createFindParams({ limit: 50, offset: 0, order: "-created_at" }).extend({
  invoice_id: stringOrList.optional(),
  contract_id: stringOrList.optional(),
  customer_id: stringOrList.optional(),
  status: stringOrList.optional(),
})

export type AdminCreateMandateType = z.infer<typeof AdminCreateMandate>
export type AdminUpdateMandateType = z.infer<typeof AdminUpdateMandate>
export type AdminSetSepaCreditorType = z.infer<typeof AdminSetSepaCreditor>
export type AdminCreateSepaBatchType = z.infer<typeof AdminCreateSepaBatch>
export type AdminUpdateSepaBatchType = z.infer<typeof AdminUpdateSepaBatch>
export type AdminSetCardPaymentMethodType = z.infer<typeof AdminSetCardPaymentMethod>
