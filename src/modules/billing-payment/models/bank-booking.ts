import { model } from "@medusajs/framework/utils"
import BankAllocation from "./bank-allocation"
import BankTransaction from "./bank-transaction"

/**
 * What a bank transaction was booked as: its allocations to invoices, a credit on a customer account, write-offs
 * and return fees. A transaction has at most one booking that is not reversed (a partial unique index), so it
 * is never booked twice, whoever books it; "unmatch" reverses the booking, and a new one gets the next `seq`.
 * `posted_at` is set once the ledger has the booking's postings: a booking without it is posted by the next
 * matching run (the ledger's idempotency keys make that safe).
 */
const BankBooking = model
  .define("billing_bank_booking", {
    id: model.id({ prefix: "bbbk" }).primaryKey(),
    transaction: model.belongsTo(() => BankTransaction, { mappedBy: "bookings" }),
    seq: model.number(),
    kind: model.enum(["auto", "manual", "return"]),
    customer_id: model.text().nullable(),
    created_by: model.text().nullable(),
    posted_at: model.dateTime().nullable(),
    reversed_at: model.dateTime().nullable(),
    reversal_reason: model.text().nullable(),
    allocations: model.hasMany(() => BankAllocation, { mappedBy: "booking" }),
  })
  .indexes([
    { name: "IDX_billing_bank_booking_once", on: ["transaction_id"], unique: true, where: "deleted_at IS NULL AND reversed_at IS NULL" },
    { name: "IDX_billing_bank_booking_seq", on: ["transaction_id", "seq"], unique: true, where: "deleted_at IS NULL" },
    { on: ["posted_at"], where: "deleted_at IS NULL AND posted_at IS NULL" },
  ])

export default BankBooking
