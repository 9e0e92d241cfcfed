import { model } from "@medusajs/framework/utils"
import { isoDateCheckNullable } from "../../../utils/iso-date-check"
import BankBooking from "./bank-booking"

/**
 * One line of a booking, posted to the ledger as its own postings (keyed by booking and position):
 * - `invoice`: a payment on an invoice (bank debit, customer credit with the invoice id), plus a `write_off`
 *   posting for `write_off_amount` (a short payment within the tolerance);
 * - `credit`: money on the customer account without an invoice (overpayment, "book as credit");
 * - `fee`: a return fee charged to the customer (customer debit; bank credit when the return's debit included
 *   it, else the fees account).
 * An allocation is reversed on its own when a return takes back one collection of a batch credit;
 * `reversal_posted_at` says the ledger has the reversal postings.
 */
const BankAllocation = model
  .define("billing_bank_allocation", {
    id: model.id({ prefix: "bbal" }).primaryKey(),
    transaction_id: model.text(),
    position: model.number(),
    kind: model.enum(["invoice", "credit", "fee"]),
    invoice_id: model.text().nullable(),
    customer_id: model.text(),
    currency_code: model.text(),
    amount: model.bigNumber(),
    write_off_amount: model.bigNumber().default(0),
    /** The SEPA collection this allocation settles (our end-to-end id), when it does. */
    end_to_end_id: model.text().nullable(),
    fee_counter_account: model.enum(["bank", "fees"]).nullable(),
    invoice_number: model.text().nullable(),
    reversed_at: model.dateTime().nullable(),
    /** The return that took the allocation back; null when an admin reversed the booking ("unmatch"). */
    reversed_by_transaction_id: model.text().nullable(),
    reversed_by: model.text().nullable(),
    reversal_reason: model.text().nullable(),
    reversal_booking_date: model.text().nullable(),
    reversal_posted_at: model.dateTime().nullable(),
    booking: model.belongsTo(() => BankBooking, { mappedBy: "allocations" }),
  })
  .indexes([
    { on: ["transaction_id"], where: "deleted_at IS NULL" },
    { on: ["invoice_id"], where: "deleted_at IS NULL AND invoice_id IS NOT NULL" },
    { on: ["end_to_end_id"], where: "deleted_at IS NULL AND end_to_end_id IS NOT NULL" },
    { name: "IDX_billing_bank_allocation_position", on: ["booking_id", "position"], unique: true, where: "deleted_at IS NULL" },
  ])
  .checks([
    { name: "billing_bank_allocation_amount_positive", expression: "amount > 0" },
    { name: "billing_bank_allocation_reversal_date_iso", expression: isoDateCheckNullable("reversal_booking_date") },
  ])

export default BankAllocation
