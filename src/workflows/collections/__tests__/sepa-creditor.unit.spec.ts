import { addressFromLines, creditorSettingsProblems, effectiveCreditorSettings, resolveSepaCreditor } from "../sepa-creditor"

const valid = {
  creditor_id: "de98 zzz0 9999 9999 99",
  creditor_name: "Snack Box GmbH",
  creditor_iban: "DE89 3704 0044 0532 0130 00",
  creditor_bic: "cobadeffxxx",
  creditor_address: { street_name: "Musterstraße", building_number: "1", postal_code: "10115", town_name: "Berlin", country_code: "de" },
}

describe("SEPA creditor settings", () => {
  it("accepts a valid creditor and normalises ids, IBAN, BIC and country", () => {
    expect(creditorSettingsProblems(valid)).toEqual([])
    const { creditor, pre_notification_days } = resolveSepaCreditor(valid, "settings")
    expect(creditor).toEqual({
      name: "Snack Box GmbH",
      iban: "DE89370400440532013000",
      bic: "COBADEFFXXX",
      creditor_id: "DE98ZZZ09999999999",
      postal_address: { street_name: "Musterstraße", building_number: "1", postal_code: "10115", town_name: "Berlin", country_code: "DE" },
    })
    expect(pre_notification_days).toBe(14)
  })

  it.each([
    [{ creditor_id: "DE26ZZZ00000000000" }, "creditor_id", "DE26ZZZ00000000000 fails the checksum: the check digits for national identifier 00000000000 are 36, not 26"],
    [{ creditor_id: "" }, "creditor_id", "is not configured"],
    [{ creditor_iban: "DE89370400440532013001" }, "creditor_iban", "DE89370400440532013001 is not a valid IBAN (the check digits do not match)"],
    [{ creditor_bic: "NOPE" }, "creditor_bic", "NOPE is not a valid BIC"],
    [{ creditor_name: "中文" }, "creditor_name", undefined],
    [{ creditor_address: { town_name: "", country_code: "DE" } }, "creditor_address.town_name", "is required: banks reject addresses without town and country"],
    [{ creditor_address: { town_name: "Berlin", country_code: "XX" } }, "creditor_address.country_code", '"XX" is not an ISO 3166 country code'],
    [{ pre_notification_days: 0 }, "pre_notification_days", "must be a whole number of days from 1 to 60, got 0"],
  ])("names the field of %j", (change, field, reason) => {
    const problems = creditorSettingsProblems({ ...valid, ...change })
    expect(problems.map((p) => p.field)).toEqual([field])
    if (reason) {
      expect(problems[0].reason).toBe(reason)
    }
  })

  it("refuses to build with a misconfigured plugin option, naming it sepa.<field>", () => {
    expect(() => resolveSepaCreditor({ ...valid, creditor_id: "DE26ZZZ00000000000" }, "options")).toThrow(/sepa\.creditor_id: DE26ZZZ00000000000 fails the checksum/)
    expect(() => resolveSepaCreditor({ ...valid, creditor_id: null }, "settings")).toThrow(/admin settings.*creditor_id: is not configured/)
  })

  it("takes the seller's name, account and address when the option leaves them out; stored settings win", () => {
    const seller = { name: "Snack Box GmbH", address_lines: ["Musterstraße 1", "10115 Berlin"], country_code: "DE", bank: { iban: "DE89370400440532013000", bic: "COBADEFFXXX" } }
    const fromOptions = effectiveCreditorSettings({ sepa: { creditor_id: "DE98ZZZ09999999999", pre_notification_days: 5 }, seller }, null)
    expect(fromOptions).toEqual({
      source: "options",
      settings: {
        creditor_id: "DE98ZZZ09999999999",
        creditor_name: "Snack Box GmbH",
        creditor_iban: "DE89370400440532013000",
        creditor_bic: "COBADEFFXXX",
        creditor_address: { street_name: "Musterstraße", building_number: "1", postal_code: "10115", town_name: "Berlin", country_code: "DE" },
        pre_notification_days: 5,
      },
    })
    // A creditor IBAN of its own does not take the seller's BIC.
    expect(effectiveCreditorSettings({ sepa: { creditor_iban: "DE02120300000000202051" }, seller }, null).settings.creditor_bic).toBeNull()
    const stored = { ...valid.creditor_address, creditor_id: "X", creditor_name: "Y", creditor_iban: "Z", creditor_bic: null, country_code: "DE", pre_notification_days: null }
    expect(effectiveCreditorSettings({ sepa: { creditor_id: "DE98ZZZ09999999999" }, seller }, stored).source).toBe("settings")
  })

  it.each([
    [["Musterstraße 1", "10115 Berlin"], { street_name: "Musterstraße", building_number: "1", postal_code: "10115", town_name: "Berlin" }],
    [["Am Ring 12a", "Hinterhaus", "50667 Köln"], { street_name: "Am Ring", building_number: "12a", postal_code: "50667", town_name: "Köln" }],
    [["Postfach", "1010 Wien"], { street_name: "Postfach", building_number: null, postal_code: "1010", town_name: "Wien" }],
    [["10115 Berlin"], { street_name: null, building_number: null, postal_code: "10115", town_name: "Berlin" }],
  ])("reads %j as a structured address", (lines, expected) => {
    expect(addressFromLines(lines, "de")).toEqual({ ...expected, country_code: "DE" })
  })

  it("gives no address for lines without a postal code and town, or without a country", () => {
    expect(addressFromLines(["Somewhere"], "DE")).toBeNull()
    expect(addressFromLines(["Musterstraße 1", "10115 Berlin"], null)).toBeNull()
    expect(addressFromLines([], "DE")).toBeNull()
  })
})
