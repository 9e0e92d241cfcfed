import { z } from "@medusajs/framework/zod"
import { createFindParams, createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { fieldError, isoDate, stringOrList } from "../common-validators"

export const AdminStartDunningRun = z.strictObject({
  /** Default: today. May lie in the future (what-if runs, tests); notices are dated it. */
  as_of: isoDate.optional(),
  dry_run: z.boolean().optional(),
})

const level = z.coerce.number(fieldError("Expected a dunning level (a whole number ≥ 1)")).int(fieldError("Expected a whole number")).min(1, fieldError("Expected a level ≥ 1"))

export const AdminListDunningNoticesParams = createFindParams({ limit: 20, offset: 0, order: "-created_at" }).extend({
  customer_id: stringOrList.optional(),
  invoice_id: stringOrList.optional(),
  level: z.union([level, z.array(level)]).optional(),
})

export const AdminGetDunningNoticeParams = createSelectParams()

export type AdminStartDunningRunType = z.infer<typeof AdminStartDunningRun>
export type AdminListDunningNoticesParamsType = z.infer<typeof AdminListDunningNoticesParams>
