import {
  firstNonSepaCharacter,
  isSepaText,
  SEPA_MAX_LENGTH,
  sepaIdentifierProblem,
  toSepaField,
  toSepaText,
} from "../sepa-text"

describe("toSepaText", () => {
  it.each([
    ["Müller", "Mueller"],
    ["Jörg Bäcker", "Joerg Baecker"],
    ["Übermaß", "Uebermass"],
    ["ÄÖÜ äöü ß ẞ", "AeOeUe aeoeue ss SS"],
    ["Müller & Söhne GmbH", "Mueller + Soehne GmbH"],
    ["Crème brûlée, Señor Dvořák", "Creme brulee, Senor Dvorak"],
    ["Łódź Ørsted Æbeltoft", "Lodz Orsted AEbeltoft"],
    ["O’Brien — Abo 49,90 €", "O'Brien - Abo 49,90 EUR"],
    ["RE_2026_000123", "RE-2026-000123"],
    ["a@b.de #1 *x* !", "a b.de 1 x"],
    ["  tabs\tand\nnew lines  ", "tabs and new lines"],
    ["李小龙", ""],
    // compatibility forms: ligature, full-width letters, superscript
    ["Ofﬁce ＡＢＣ m²", "Office ABC m2"],
    // decomposed input (u + combining diaeresis) is composed first, so it is an umlaut too
    ["Mu\u0308ller", "Mueller"],
    ["a/b-c?d:e(f)g.h,i'j+k", "a/b-c?d:e(f)g.h,i'j+k"],
  ])("%j → %j", (input, expected) => {
    expect(toSepaText(input)).toBe(expected)
    expect(isSepaText(toSepaText(input))).toBe(true)
  })

  it.each([
    // truncation happens after conversion: "ß" → "ss" makes the text longer
    ["Straße", 6, "Strass"],
    ["ab cd", 3, "ab"],
    ["abc", 10, "abc"],
  ])("%j cut to %i → %j", (input, max, expected) => {
    expect(toSepaText(input, max)).toBe(expected)
  })

  it("rejects a maximum length below 1", () => {
    expect(() => toSepaText("x", 0)).toThrow("positive integer")
  })
})

describe("toSepaField", () => {
  it.each([
    ["Nm", 70],
    ["Ustrd", 140],
    ["EndToEndId", 35],
    ["MsgId", 35],
    ["PmtInfId", 35],
  ] as const)("%s is cut to %i characters", (field, max) => {
    expect(SEPA_MAX_LENGTH[field]).toBe(max)
    const long = "ä".repeat(max)
    const converted = toSepaField(long, field)
    expect(converted).toHaveLength(max)
    expect(converted).toBe("ae".repeat(max).slice(0, max))
  })
})

describe("firstNonSepaCharacter / isSepaText", () => {
  it.each([
    ["Mueller", null],
    ["Müller", "ü"],
    ["a&b", "&"],
    ["x😀y", "😀"],
    ["", null],
  ])("%j → %j", (input, expected) => {
    expect(firstNonSepaCharacter(input)).toBe(expected)
    expect(isSepaText(input)).toBe(expected === null)
  })
})

describe("sepaIdentifierProblem", () => {
  it.each([
    ["MNDT-2026-0001", null],
    ["A", null],
    ["a/b", null],
    ["x".repeat(35), null],
    ["", "is empty"],
    ["x".repeat(36), "is 36 characters long, at most 35 are allowed"],
    ["MÄNDAT-1", 'contains "Ä", which is not in the SEPA character set'],
    ["A_B", 'contains "_", which is not in the SEPA character set'],
    ["A\tB", "contains U+0009, which is not in the SEPA character set"],
    ["/ABC", 'must not start or end with "/"'],
    ["ABC/", 'must not start or end with "/"'],
    ["AB//C", 'must not contain "//"'],
    [" ABC", "must not start or end with a space"],
  ])("%j → %j", (input, expected) => {
    expect(sepaIdentifierProblem(input)).toBe(expected)
  })
})
