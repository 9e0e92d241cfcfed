import { describe, expect, it } from "@jest/globals"
import { parseFieldErrors, unplacedErrors } from "../field-errors"

describe("parseFieldErrors", () => {
  it("puts each problem of a 400 under the field it names", () => {
    expect(
      parseFieldErrors(
        "debtor_iban: DE89370400440532013001 is not a valid IBAN (the check digits do not match); debtor_address.town_name: is required: banks reject addresses without town and country"
      )
    ).toEqual({
      fields: {
        debtor_iban: "DE89370400440532013001 is not a valid IBAN (the check digits do not match)",
        "debtor_address.town_name": "is required: banks reject addresses without town and country",
      },
      other: [],
    })
  })

  it("keeps a reason that contains '; ' in one piece", () => {
    expect(
      parseFieldErrors("customer_id: customer cus_1 already has the active mandate M-1 (bsmd_1); revoke it first or amend it").fields
    ).toEqual({ customer_id: "customer cus_1 already has the active mandate M-1 (bsmd_1); revoke it first or amend it" })
  })

  it("treats a message that names no field as general, also with a prefix before the first field", () => {
    expect(parseFieldErrors("A dunning run is already in progress; try again when it has finished")).toEqual({
      fields: {},
      other: ["A dunning run is already in progress; try again when it has finished"],
    })
    expect(parseFieldErrors("SEPA creditor (admin settings): creditor_id: is not configured").other).toEqual([
      "SEPA creditor (admin settings): creditor_id: is not configured",
    ])
  })

  it("reads indexed paths and joins two problems of one field", () => {
    expect(parseFieldErrors("allocations[0].amount: is negative; allocations[0].amount: has 5 decimals").fields).toEqual({
      "allocations[0].amount": "is negative; has 5 decimals",
    })
  })
})

describe("unplacedErrors", () => {
  it("lists general messages and the problems of fields the form has no input for", () => {
    const errors = parseFieldErrors("creditor_id: fails the checksum; metadata: is not an object")
    expect(unplacedErrors(errors, ["creditor_id"])).toEqual(["metadata: is not an object"])
    expect(unplacedErrors({ fields: {}, other: ["Invalid request"] }, [])).toEqual(["Invalid request"])
  })
})
