import { editDistance, nameSimilarity, nameTokens, tokenSimilarity, wordSimilarity } from "../name-similarity"

describe("nameTokens", () => {
  it.each<[string | null, string[]]>([
    ["Müller & Söhne GmbH & Co. KG", ["mueller", "soehne"]],
    ["MUELLER, HANS", ["mueller", "hans"]],
    ["Weiß Druckerei e.K.", ["druckerei", "weiss"]],
    ["Bäckerei Öztürk UG (haftungsbeschränkt)", ["baeckerei", "oeztuerk"]],
    ["Café René SARL", ["cafe", "rene"]],
    ["Herrn Dr. Peter Schmidt", ["schmidt", "peter"]],
    ["Verein e.V.", ["verein"]],
    ["GmbH", []],
    [null, []],
    ["", []],
  ])("%j → %j", (name, tokens) => {
    expect(nameTokens(name)).toEqual(tokens)
  })
})

describe("editDistance / wordSimilarity", () => {
  it.each([
    ["meier", "meier", 0],
    ["meier", "meyer", 1],
    ["schmidt", "schmitt", 1],
    ["abc", "", 3],
    ["kitten", "sitting", 3],
    ["ab", "ba", 2],
  ])("editDistance(%s, %s) = %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance)
  })

  it.each([
    ["mueller", "mueller", 1],
    ["entwickl", "entwicklung", 0.9], // cut off by the bank
    ["meier", "meyer", 0.8],
    ["schmidt", "schmitt", 1 - 1 / 7],
    ["hans", "hanna", 0], // 1 − 2/5 = 0.6 is no match
    ["bau", "baumann", 0], // a cut-off word needs 4 letters
    ["weber", "becker", 0],
  ])("wordSimilarity(%s, %s) = %d", (a, b, similarity) => {
    expect(wordSimilarity(a, b)).toBeCloseTo(similarity, 10)
  })
})

describe("nameSimilarity", () => {
  it.each<[string, string | null, number]>([
    ["Müller Bau GmbH", "MUELLER BAU GMBH", 1],
    ["Müller Bau GmbH", "Müller Bau", 1],
    ["Müller Bau GmbH", "Mueller Bau AG", 1], // legal forms do not count
    ["Hans Müller", "MUELLER, HANS", 1],
    ["Müller Bau GmbH", "MULLER BAU", (2 * (1 + 1 - 1 / 7)) / 4], // umlaut dropped
    ["Müllerbau GmbH", "Müller Bau", 1], // written together
    ["Mustermann Software Entwicklung GmbH", "MUSTERMANN SOFTWARE ENTWICKL", (2 * 2.9) / 6],
    ["Müller Bau GmbH", "Müller", 2 / 3],
    ["Hans Müller", "Hanna Müller", 0.5],
    ["Schmidt Software AG", "Müller Bau GmbH", 0],
    ["Schmidt Software AG", null, 0],
  ])("%j vs %j = %d", (a, b, similarity) => {
    expect(nameSimilarity(a, b)).toBeCloseTo(similarity, 10)
  })

  it("is 0 for empty token lists", () => {
    expect(tokenSimilarity([], ["a"])).toBe(0)
    expect(tokenSimilarity(["mueller"], [])).toBe(0)
  })

  it("pairs each word at most once", () => {
    // "mueller" must not count twice against the single "mueller".
    expect(tokenSimilarity(["mueller", "muellers"], ["mueller"])).toBeCloseTo((2 * 1) / 3, 10)
  })
})
