import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { generateEntityId } from "@medusajs/framework/utils"
import { manualBookingWorkflow } from "../../../../../../../workflows/billing/ledger-booking-workflow"
import { today } from "../../../../../../today"
import { assertExists } from "../../../../records"
import { AdminCreateLedgerBookingType } from "../../../../billing-validators"

/**
 * A manual booking on the customer account — e.g. a bank payment that cannot be assigned to an invoice,
 * booked as a credit against the bank account (FAQ "Zahlungseingang ohne eindeutige Zuordnung").
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateLedgerBookingType>, res: MedusaResponse) => {
  await assertExists(req, "customer", req.params.id)
  const body = req.validatedBody
  if (body.invoice_id) {
    await assertExists(req, "billing_invoice", body.invoice_id)
  }
  const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) ?? generateEntityId(undefined, "manual")
  const { result } = await manualBookingWorkflow(req.scope).run({
    input: {
      customer_id: req.params.id,
      currency_code: body.currency_code,
      amount: body.amount,
      direction: body.direction,
      counter_account: body.counter_account ?? (body.direction === "credit" ? "bank" : "manual"),
      booking_date: body.booking_date ?? today(),
      reason: body.reason,
      reference: body.reference ?? null,
      invoice_id: body.invoice_id ?? null,
      created_by: req.auth_context?.actor_id ?? null,
      idempotency_key: `manual:${idempotencyKey}`,
    },
  })
  res.status(201).json({ posting_id: result })
}
