import fs from "node:fs"
import { creditorIdCheckDigits, isValidCreditorId, validateCreditorId } from "../creditor-id"
import { GOLDEN_PAIN_008_001_08 } from "./corpora"

describe("creditorIdCheckDigits", () => {
  it.each([
    // Bundesbank's sample id DE98ZZZ09999999999
    ["DE", "09999999999", "98"],
    // python-sepaxml's sample id uses 26, the correct digits are 36
    ["DE", "00000000000", "36"],
    // letters in the national part count as A = 10 … Z = 35, like the country code
    ["de", "0000000000a", "57"],
    // 98 − 89: one digit, zero-padded
    ["DE", "00000000001", "09"],
  ])("%s + %s → %s", (country, national, expected) => {
    expect(creditorIdCheckDigits(country, national)).toBe(expected)
  })

  it("gives digits that validate, for every national id tried", () => {
    for (const national of ["00000000001", "12345678901", "99999999999", "00000000097"]) {
      const id = `DE${creditorIdCheckDigits("DE", national)}ZZZ${national}`
      expect(validateCreditorId(id)).toMatchObject({ valid: true, creditor_id: id })
    }
  })

  it.each([
    ["D", "123"],
    ["DE", "12-3"],
  ])("rejects country %j / national id %j", (country, national) => {
    expect(() => creditorIdCheckDigits(country, national)).toThrow()
  })
})

describe("validateCreditorId", () => {
  it.each([
    ["DE98ZZZ09999999999", "DE98ZZZ09999999999", "ZZZ", "09999999999"],
    // the business code is excluded from the checksum: any code keeps the id valid
    ["DE98ABC09999999999", "DE98ABC09999999999", "ABC", "09999999999"],
    ["de98 zzz0 9999 9999 99", "DE98ZZZ09999999999", "ZZZ", "09999999999"],
    ["DE36ZZZ00000000000", "DE36ZZZ00000000000", "ZZZ", "00000000000"],
  ])("accepts %j", (input, normalised, businessCode, nationalId) => {
    expect(validateCreditorId(input)).toEqual({
      valid: true,
      creditor_id: normalised,
      country_code: "DE",
      check_digits: normalised.slice(2, 4),
      business_code: businessCode,
      national_id: nationalId,
    })
    expect(isValidCreditorId(input)).toBe(true)
  })

  it.each([
    ["DE26ZZZ00000000000", "DE26ZZZ00000000000 fails the checksum: the check digits for national identifier 00000000000 are 36, not 26"],
    ["DE97ZZZ09999999999", "fails the checksum: the check digits for national identifier 09999999999 are 98, not 97"],
    ["", "is empty"],
    ["DE98ZZZ0999999999", "a DE creditor identifier has 18 characters with an 11-digit national part"],
    ["DE98ZZZ0999999999A", "a DE creditor identifier has 18 characters with an 11-digit national part"],
    ["D198ZZZ09999999999", "is not shaped like a creditor identifier"],
    ["DEXXZZZ09999999999", "is not shaped like a creditor identifier"],
    ["DE98ZZZ", "is not shaped like a creditor identifier"],
    ["DE98-ZZZ-09999999999", "is not shaped like a creditor identifier"],
    [`DE98ZZZ${"1".repeat(29)}`, "at most 35 are allowed"],
  ])("rejects %j: %s", (input, reason) => {
    const check = validateCreditorId(input)
    expect(check.valid).toBe(false)
    expect(check.valid === false && check.reason).toContain(reason)
    expect(isValidCreditorId(input)).toBe(false)
  })

  it("rejects the creditor id of the corpus's golden pain.008.001.08 file", () => {
    const xml = fs.readFileSync(GOLDEN_PAIN_008_001_08, "utf8")
    const ids = [...xml.matchAll(/<CdtrSchmeId>[\s\S]*?<Id>\s*<PrvtId>\s*<Othr>\s*<Id>([^<]+)<\/Id>/g)].map((m) => m[1])
    expect(ids.length).toBeGreaterThan(0)
    for (const id of ids) {
      expect(id).toBe("DE26ZZZ00000000000")
      expect(validateCreditorId(id)).toEqual({
        valid: false,
        reason: "DE26ZZZ00000000000 fails the checksum: the check digits for national identifier 00000000000 are 36, not 26",
      })
    }
  })
})
