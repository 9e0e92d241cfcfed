import { DunningOptionsError, fillTemplate, resolveDunningOptions } from "../options"

describe("resolveDunningOptions", () => {
  it("has German/English defaults: reminder, 1st and 2nd dunning notice", () => {
    const options = resolveDunningOptions(undefined)
    expect(options.levels.map((l) => [l.level, l.days_after_due, l.fee, l.title.de, l.title.en])).toEqual([
      [1, 7, "0.00", "Zahlungserinnerung", "Payment reminder"],
      [2, 21, "5.00", "1. Mahnung", "First reminder"],
      [3, 35, "10.00", "2. Mahnung", "Second reminder"],
    ])
    expect(options.levels[0].subject).toEqual({ de: "{title} zu Rechnung {invoice_number}", en: "{title} for invoice {invoice_number}" })
    expect(options.levels[1].text.de).toContain("{total}")
    expect(options).toEqual(expect.objectContaining({ min_open_amount: "1.00", min_days_between_levels: 7, payment_deadline_days: 7, enabled: true }))
  })

  it("takes configured levels, normalizes fees and keeps default texts per locale where none are given", () => {
    const options = resolveDunningOptions({
      levels: [
        { level: 1, days_after_due: 3, fee: "0", text: { de: "Bitte zahlen Sie {total} bis {deadline}." } },
        { level: 2, days_after_due: 10, fee: "2.5", title: { en: "Final notice" } },
      ],
      min_open_amount: "5",
      min_days_between_levels: 0,
      payment_deadline_days: 14,
      enabled: false,
    })
    expect(options.levels.map((l) => l.fee)).toEqual(["0.00", "2.50"])
    expect(options.levels[0].text.de).toBe("Bitte zahlen Sie {total} bis {deadline}.")
    expect(options.levels[0].text.en).toContain("perhaps it has escaped your attention")
    expect(options.levels[1].title).toEqual({ de: "1. Mahnung", en: "Final notice" })
    expect(options).toEqual(expect.objectContaining({ min_open_amount: "5.00", min_days_between_levels: 0, payment_deadline_days: 14, enabled: false }))
  })

  it.each<[string, unknown, string]>([
    ["levels not ascending", { levels: [{ level: 2, days_after_due: 7 }, { level: 1, days_after_due: 21 }] }, "dunning.levels[1].level: levels must ascend: 1 follows 2"],
    ["the same level twice", { levels: [{ level: 1, days_after_due: 7 }, { level: 1, days_after_due: 21 }] }, "dunning.levels[1].level"],
    ["days not ascending", { levels: [{ level: 1, days_after_due: 21 }, { level: 2, days_after_due: 21 }] }, "dunning.levels[1].days_after_due: must be greater than the previous level's 21"],
    ["a negative fee", { levels: [{ level: 1, days_after_due: 7, fee: "-5.00" }] }, 'dunning.levels[0].fee: expected a decimal string ≥ 0 with at most 2 decimals such as "5.00", got "-5.00"'],
    ["a fee as a number", { levels: [{ level: 1, days_after_due: 7, fee: 5 }] }, "dunning.levels[0].fee"],
    ["a fee with 3 decimals", { levels: [{ level: 1, days_after_due: 7, fee: "5.001" }] }, "dunning.levels[0].fee"],
    ["a fee that is no number", { levels: [{ level: 1, days_after_due: 7, fee: "five" }] }, "dunning.levels[0].fee"],
    ["level 0", { levels: [{ level: 0, days_after_due: 7 }] }, "dunning.levels[0].level: expected a whole number ≥ 1, got 0"],
    ["fractional days", { levels: [{ level: 1, days_after_due: 7.5 }] }, "dunning.levels[0].days_after_due: expected a whole number ≥ 0, got 7.5"],
    ["no levels", { levels: [] }, "dunning.levels: expected a non-empty list of levels"],
    ["an unknown level field", { levels: [{ level: 1, days_after_due: 7, fees: "1.00" }] }, "dunning.levels[0].fees: unknown field"],
    ["an unknown option", { min_open: "1.00" }, "dunning.min_open: unknown option"],
    ["an unknown locale", { levels: [{ level: 1, days_after_due: 7, subject: { fr: "Rappel" } }] }, "dunning.levels[0].subject.fr: unknown locale"],
    ["an unknown placeholder", { levels: [{ level: 1, days_after_due: 7, text: { en: "Pay {amount}" } }] }, "dunning.levels[0].text.en: unknown placeholder {amount}"],
    ["an empty text", { levels: [{ level: 1, days_after_due: 7, subject: { de: " " } }] }, "dunning.levels[0].subject.de: expected a non-empty text"],
    ["a bad minimum", { min_open_amount: "1,00" }, "dunning.min_open_amount"],
    ["a negative gap", { min_days_between_levels: -1 }, "dunning.min_days_between_levels: expected a whole number ≥ 0, got -1"],
    ["enabled as text", { enabled: "yes" }, 'dunning.enabled: expected true or false, got "yes"'],
    ["not an object", "daily", "dunning: expected an object"],
  ])("rejects %s", (_name, input, message) => {
    expect(() => resolveDunningOptions(input)).toThrow(DunningOptionsError)
    expect(() => resolveDunningOptions(input)).toThrow(message)
  })
})

describe("fillTemplate", () => {
  const values = {
    title: "1. Mahnung",
    level: "2",
    invoice_number: "RE-2026-000001",
    invoice_date: "01.01.2026",
    due_date: "15.01.2026",
    open_amount: "35,70 €",
    fee: "5,00 €",
    total: "40,70 €",
    deadline: "07.02.2026",
    seller_name: "Snack Box GmbH",
  }

  it("fills every placeholder, repeated ones too", () => {
    expect(fillTemplate("{title} zu Rechnung {invoice_number}: {total} bis {deadline} ({total})", values)).toBe(
      "1. Mahnung zu Rechnung RE-2026-000001: 40,70 € bis 07.02.2026 (40,70 €)"
    )
  })

  it("fills every default text completely", () => {
    for (const level of resolveDunningOptions(undefined).levels) {
      for (const text of [level.subject.de, level.subject.en, level.text.de, level.text.en]) {
        expect(fillTemplate(text, values)).not.toMatch(/[{}]/)
      }
    }
  })

  it("refuses a placeholder without a value", () => {
    expect(() => fillTemplate("{unknown}", values)).toThrow("template placeholder {unknown} has no value")
  })
})
