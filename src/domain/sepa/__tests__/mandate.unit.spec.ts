import { formatFieldError } from "../field-error"
import {
  amendmentDetails,
  mandateExpiryDate,
  SepaMandate,
  sequenceTypeFor,
  SequenceTypeInput,
  validateMandate,
} from "../mandate"

const TODAY = "2026-03-02"

const valid: SepaMandate = {
  mandate_reference: "MNDT-2026-0001",
  mandate_signature_date: "2026-02-14",
  debtor_name: "Jörg Müller",
  debtor_iban: "DE89370400440532013000",
  debtor_bic: "COBADEFFXXX",
}

function messages(mandate: SepaMandate, today = TODAY): string[] {
  return validateMandate(mandate, today).map(formatFieldError)
}

describe("validateMandate", () => {
  it.each<[string, Partial<SepaMandate>]>([
    ["a complete mandate", {}],
    ["IBAN only (no BIC)", { debtor_bic: null }],
    ["an empty BIC", { debtor_bic: "" }],
    ["an IBAN with spaces and lower case", { debtor_iban: "de89 3704 0044 0532 0130 00" }],
    ["an 8-character BIC", { debtor_bic: "COBADEFF" }],
    ["signed today", { mandate_signature_date: TODAY }],
    ["every SEPA character in the reference", { mandate_reference: "aZ09/-?:().,'+ x" }],
    ["a 35-character reference", { mandate_reference: "R".repeat(35) }],
    ["a 70-character name", { debtor_name: "N".repeat(70) }],
    ["an Austrian IBAN", { debtor_iban: "AT611904300234573201", debtor_bic: null }],
    ["used 35 months ago", { mandate_signature_date: "2020-01-01", last_collection_date: "2023-04-01" }],
  ])("accepts %s", (_label, change) => {
    expect(messages({ ...valid, ...change })).toEqual([])
  })

  it.each<[string, Partial<SepaMandate>, string]>([
    ["an umlaut in the reference", { mandate_reference: "MNDT-ä-1" }, 'mandate_reference: contains "ä", which is not in the SEPA character set'],
    ["an empty reference", { mandate_reference: "" }, "mandate_reference: is empty"],
    ["a 36-character reference", { mandate_reference: "R".repeat(36) }, "mandate_reference: is 36 characters long, at most 35 are allowed"],
    ["a leading slash", { mandate_reference: "/M1" }, 'mandate_reference: must not start or end with "/"'],
    ["a trailing slash", { mandate_reference: "M1/" }, 'mandate_reference: must not start or end with "/"'],
    ["a double slash", { mandate_reference: "M//1" }, 'mandate_reference: must not contain "//"'],
    ["a signature tomorrow", { mandate_signature_date: "2026-03-03" }, "mandate_signature_date: 2026-03-03 is after today (2026-03-02)"],
    ["a signature that is no date", { mandate_signature_date: "14.02.2026" }, 'mandate_signature_date: "14.02.2026" is not a date (YYYY-MM-DD)'],
    ["an impossible date", { mandate_signature_date: "2026-02-30" }, 'mandate_signature_date: "2026-02-30" is not a date (YYYY-MM-DD)'],
    ["an empty name", { debtor_name: "  " }, "debtor_name: is empty"],
    ["a 71-character name", { debtor_name: "N".repeat(71) }, "debtor_name: is 71 characters long, at most 70 are allowed"],
    ["a name without SEPA characters", { debtor_name: "李小龙" }, "debtor_name: has no characters left in the SEPA character set"],
    [
      "an IBAN with a wrong checksum",
      { debtor_iban: "DE00370400440532013000" },
      "debtor_iban: DE00370400440532013000 is not a valid IBAN (the check digits do not match)",
    ],
    ["an IBAN too short", { debtor_iban: "DE8937040044053201300" }, "debtor_iban: DE8937040044053201300 is not a valid IBAN (wrong length for its country"],
    ["an empty IBAN", { debtor_iban: "" }, "debtor_iban: is empty"],
    ["an IBAN outside SEPA", { debtor_iban: "BR1800360305000010009795493C1" }, "debtor_iban: BR1800360305000010009795493C1 is not an account in the SEPA area (BR)"],
    ["a malformed BIC", { debtor_bic: "COBA1" }, "debtor_bic: COBA1 is not a valid BIC"],
    [
      "a mandate unused for more than 36 months",
      { mandate_signature_date: "2023-03-01" },
      "mandate_signature_date: the mandate lapsed on 2026-03-01: not used for 36 months",
    ],
    [
      "a last collection more than 36 months ago",
      { mandate_signature_date: "2020-01-01", last_collection_date: "2023-02-28" },
      "last_collection_date: the mandate lapsed on 2026-02-28: not used for 36 months",
    ],
  ])("rejects %s", (_label, change, expected) => {
    const found = messages({ ...valid, ...change })
    expect(found).toHaveLength(1)
    expect(found[0]).toContain(expected)
  })

  it("reports every problem at once", () => {
    const found = messages({ ...valid, mandate_reference: "Ä", debtor_iban: "DE00", debtor_name: "" })
    expect(found.map((message) => message.split(":")[0])).toEqual(["mandate_reference", "debtor_name", "debtor_iban"])
  })

  it("rejects an invalid today", () => {
    expect(() => validateMandate(valid, "2026-3-2")).toThrow("Invalid today")
  })
})

describe("mandate amendments", () => {
  it.each<[string, SepaMandate["amendment"], string[]]>([
    ["a new mandate reference", { original_mandate_reference: "OLD-REF-1" }, []],
    ["a new creditor id", { original_creditor_id: "DE98ZZZ09999999999" }, []],
    ["a new creditor name", { original_creditor_name: "Alte Firma GmbH" }, []],
    ["an account change within the same bank", { original_debtor_iban: "DE02120300000000202051" }, []],
    ["a change to another bank (SMNDA)", { debtor_agent_changed: true }, []],
    ["an empty amendment", {}, ["amendment: is given but names nothing that changed"]],
    ["blank values only", { original_mandate_reference: " ", debtor_agent_changed: false }, ["amendment: is given but names nothing that changed"]],
    [
      "an invalid original reference",
      { original_mandate_reference: "ALT//1" },
      ['amendment.original_mandate_reference: must not contain "//"'],
    ],
    [
      "the same reference as now",
      { original_mandate_reference: "MNDT-2026-0001" },
      ["amendment.original_mandate_reference: equals the current mandate_reference"],
    ],
    [
      "an original creditor id failing its checksum",
      { original_creditor_id: "DE26ZZZ00000000000" },
      [
        "amendment.original_creditor_id: DE26ZZZ00000000000 fails the checksum: the check digits for national identifier 00000000000 are 36, not 26",
      ],
    ],
    [
      "an invalid original IBAN",
      { original_debtor_iban: "DE00120300000000202051" },
      ["amendment.original_debtor_iban: DE00120300000000202051 is not a valid IBAN (the check digits do not match)"],
    ],
    [
      "the current IBAN as original",
      { original_debtor_iban: "DE89 3704 0044 0532 0130 00" },
      ["amendment.original_debtor_iban: equals the current debtor_iban"],
    ],
    [
      "an original IBAN together with a new bank",
      { original_debtor_iban: "DE02120300000000202051", debtor_agent_changed: true },
      [
        "amendment.original_debtor_iban: is for an account change within the same bank; with debtor_agent_changed (new bank, SMNDA) leave it out",
      ],
    ],
  ])("%s", (_label, amendment, expected) => {
    expect(messages({ ...valid, amendment })).toEqual(expected)
  })

  it.each([
    [null, null],
    [undefined, null],
    [{}, null],
    [{ debtor_agent_changed: false }, null],
    [
      { original_creditor_id: "de98 zzz0 9999 9999 99", original_debtor_iban: "de02 1203 0000 0000 2020 51" },
      {
        original_mandate_reference: null,
        original_creditor_id: "DE98ZZZ09999999999",
        original_creditor_name: null,
        original_debtor_iban: "DE02120300000000202051",
        debtor_agent_changed: false,
      },
    ],
  ])("amendmentDetails(%j) normalises to %j", (amendment, expected) => {
    expect(amendmentDetails(amendment)).toEqual(expected)
  })
})

describe("mandateExpiryDate", () => {
  it.each([
    ["2023-03-01", null, "2026-03-01"],
    ["2020-01-01", "2023-01-31", "2026-01-31"],
    // 36 months after 29 Feb of a leap year is 28 Feb (2027 is no leap year)
    ["2024-02-29", null, "2027-02-28"],
  ])("signed %s, last used %s → lapses after %s", (signed, last, expected) => {
    expect(mandateExpiryDate(signed, last)).toBe(expected)
  })
})

describe("sequenceTypeFor", () => {
  it.each<[SequenceTypeInput, string]>([
    [{ mandate_kind: "recurrent", previous_collections: 0 }, "FRST"],
    [{ mandate_kind: "recurrent", previous_collections: 1 }, "RCUR"],
    [{ mandate_kind: "recurrent", previous_collections: 12 }, "RCUR"],
    [{ mandate_kind: "recurrent", previous_collections: 12, final_collection: true }, "FNAL"],
    // a recurrent mandate stays recurrent: its only collection is FRST, not OOFF
    [{ mandate_kind: "recurrent", previous_collections: 0, final_collection: true }, "FRST"],
    [{ mandate_kind: "one_off", previous_collections: 0 }, "OOFF"],
    [{ mandate_kind: "one_off", previous_collections: 0, final_collection: true }, "OOFF"],
  ])("%j → %s", (input, expected) => {
    expect(sequenceTypeFor(input)).toBe(expected)
  })

  it.each<[SequenceTypeInput, string]>([
    [{ mandate_kind: "one_off", previous_collections: 1 }, "already been used"],
    [{ mandate_kind: "recurrent", previous_collections: -1 }, "whole number"],
    [{ mandate_kind: "recurrent", previous_collections: 1.5 }, "whole number"],
    [{ mandate_kind: "weekly" as "recurrent", previous_collections: 0 }, "Unknown mandate kind"],
  ])("%j throws %s", (input, message) => {
    expect(() => sequenceTypeFor(input)).toThrow(message)
  })
})
