/**
 * Payer names on bank statements differ from customer names in the books: upper case,
 * umlauts written out ("MUELLER") or dropped ("MULLER"), legal forms left off, "surname,
 * first name", cut after 27 or 70 characters. Names are therefore compared as sets of
 * significant words, each word tolerating a small typo or a cut-off end.
 */

/** Legal forms, salutations and fillers that say nothing about who pays. */
const IGNORED_WORDS = new Set([
  "gmbh", "mbh", "ag", "kg", "kgaa", "ohg", "gbr", "ug", "haftungsbeschraenkt", "ek", "ekfm", "ekfr",
  "ev", "eg", "se", "co", "ltd", "limited", "inc", "llc", "plc", "sa", "sarl", "srl", "bv", "nv", "gesmbh",
  "und", "and", "fa", "firma", "herr", "herrn", "frau", "dr", "prof", "dipl", "ing",
])

const TRANSLITERATION: Readonly<Record<string, string>> = { "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss" }

/** "Müller & Söhne GmbH & Co. KG" → ["mueller", "soehne"]: significant words, longest first. */
export function nameTokens(name: string | null | undefined): string[] {
  if (!name) {
    return []
  }
  const ascii = name
    .toLowerCase()
    .replace(/[äöüß]/g, (char) => TRANSLITERATION[char])
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
  const tokens = ascii.split(/[^a-z0-9]+/).filter((token) => token.length > 1 && !IGNORED_WORDS.has(token))
  return [...new Set(tokens)].sort((x, y) => y.length - x.length || (x < y ? -1 : x > y ? 1 : 0))
}

let previousRow = new Int32Array(64)
let currentRow = new Int32Array(64)

/** Levenshtein distance, for short words (two reused rows, no allocation per call). */
export function editDistance(a: string, b: string): number {
  if (a === b) {
    return 0
  }
  if (b.length + 1 > previousRow.length) {
    previousRow = new Int32Array(b.length + 1)
    currentRow = new Int32Array(b.length + 1)
  }
  for (let j = 0; j <= b.length; j++) {
    previousRow[j] = j
  }
  for (let i = 1; i <= a.length; i++) {
    currentRow[0] = i
    const char = a.charCodeAt(i - 1)
    for (let j = 1; j <= b.length; j++) {
      const substitution = previousRow[j - 1] + (char === b.charCodeAt(j - 1) ? 0 : 1)
      currentRow[j] = Math.min(previousRow[j] + 1, currentRow[j - 1] + 1, substitution)
    }
    const swap = previousRow
    previousRow = currentRow
    currentRow = swap
  }
  return previousRow[b.length]
}

const WORD_MATCH_MIN = 0.8
const CUT_OFF_MIN_LENGTH = 4

/** 1 for equal words, 0.9 when one is the other cut off (≥ 4 letters), else 1 − distance / length if ≥ 0.8, else 0. */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) {
    return 1
  }
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a]
  if (shorter.length >= CUT_OFF_MIN_LENGTH && longer.startsWith(shorter)) {
    return 0.9
  }
  if ((longer.length - shorter.length) / longer.length > 1 - WORD_MATCH_MIN) {
    return 0
  }
  const similarity = 1 - editDistance(a, b) / longer.length
  return similarity >= WORD_MATCH_MIN ? similarity : 0
}

/** Names longer than this many significant words are compared on their first words only. */
const MAX_WORDS = 30

/**
 * Dice coefficient over significant words, each word of `a` (in order: `nameTokens` gives
 * the longest first) paired with its most similar unused word of `b`: 1 for the same words
 * in any order, 2/3 when one name has one word more ("Müller Bau" vs "Müller"), 0 without a
 * common word. Inputs are `nameTokens`.
 */
export function tokenSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) {
    return 0
  }
  if (a.length === b.length && a.every((word) => b.includes(word))) {
    return 1
  }
  if (a.join("") === b.join("")) {
    return 1
  }
  const words = Math.min(b.length, MAX_WORDS)
  let used = 0
  let matched = 0
  for (const word of a) {
    let best = 0
    let bestIndex = -1
    for (let index = 0; index < words && best < 1; index++) {
      if ((used & (1 << index)) === 0) {
        const similarity = wordSimilarity(word, b[index])
        if (similarity > best) {
          best = similarity
          bestIndex = index
        }
      }
    }
    if (bestIndex >= 0) {
      matched += best
      used |= 1 << bestIndex
    }
  }
  return Math.min(1, (2 * matched) / (a.length + b.length))
}

/** Similarity of two names, 0..1 (see `tokenSimilarity`). */
export function nameSimilarity(a: string | null | undefined, b: string | null | undefined): number {
  return tokenSimilarity(nameTokens(a), nameTokens(b))
}
