/**
 * The SEPA (EPC) basic Latin character set and the field lengths of pain.008. Every bank in SEPA must
 * accept these characters; anything else may be rejected or garbled on the way to the debtor's
 * statement, so free text is converted before it goes into a file and identifiers are checked.
 */

/** a–z A–Z 0–9 / - ? : ( ) . , ' + space */
const SEPA_CHARACTER = /[A-Za-z0-9/\-?:().,'+ ]/
const SEPA_TEXT = /^[A-Za-z0-9/\-?:().,'+ ]*$/

/** Maximum lengths in the EPC implementation guidelines (Nm is Max140Text in the XSD, 70 for SEPA). */
export const SEPA_MAX_LENGTH = {
  Nm: 70,
  Ustrd: 140,
  EndToEndId: 35,
  MsgId: 35,
  PmtInfId: 35,
  MndtId: 35,
  StrtNm: 70,
  BldgNb: 16,
  PstCd: 16,
  TwnNm: 35,
} as const

export type SepaTextField = keyof typeof SEPA_MAX_LENGTH

/**
 * Letters a plain Unicode decomposition does not turn into SEPA characters: German umlauts become two
 * letters (the spelling German uses without umlauts, not "a" for "ä"), and letters without a
 * decomposition get their usual transliteration. "&" keeps its meaning as "+", "€" becomes "EUR", dashes and
 * typographic apostrophes become their ASCII forms; "_" (allowed in invoice numbers) becomes "-" so a
 * number stays one word.
 */
const TRANSLITERATION: Readonly<Record<string, string>> = {
  ä: "ae",
  ö: "oe",
  ü: "ue",
  Ä: "Ae",
  Ö: "Oe",
  Ü: "Ue",
  ß: "ss",
  ẞ: "SS",
  Æ: "AE",
  æ: "ae",
  Œ: "OE",
  œ: "oe",
  Ø: "O",
  ø: "o",
  Ł: "L",
  ł: "l",
  Đ: "D",
  đ: "d",
  Ð: "D",
  ð: "d",
  Þ: "Th",
  þ: "th",
  ı: "i",
  "&": "+",
  "€": "EUR",
  _: "-",
  "‐": "-",
  "‑": "-",
  "–": "-",
  "—": "-",
  "’": "'",
  "‘": "'",
  "‚": "'",
}

const COMBINING_MARKS = /\p{M}/gu

function convertCharacter(char: string): string {
  const mapped = TRANSLITERATION[char]
  if (mapped !== undefined) {
    return mapped
  }
  if (SEPA_CHARACTER.test(char)) {
    return char
  }
  // é → e, č → c, ñ → n, ﬁ → fi, Ａ → A: the compatibility decomposition without its marks.
  const base = char.normalize("NFKD").replace(COMBINING_MARKS, "")
  return base.length > 0 && SEPA_TEXT.test(base) ? base : " "
}

/**
 * Free text in the SEPA character set: umlauts spelled out (ä → ae, ß → ss), accents dropped (é → e),
 * anything else replaced by a space; runs of spaces collapsed and the ends trimmed. With `maxLength`
 * the result is cut to that many characters (after conversion, since "ß" → "ss" makes text longer).
 */
export function toSepaText(text: string, maxLength?: number): string {
  const converted = Array.from(text.normalize("NFC"), convertCharacter).join("").replace(/ {2,}/g, " ").trim()
  if (maxLength === undefined) {
    return converted
  }
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new Error(`Maximum length must be a positive integer, got ${maxLength}`)
  }
  return converted.slice(0, maxLength).trimEnd()
}

/** `toSepaText` cut to the maximum length of a pain.008 field. */
export function toSepaField(text: string, field: SepaTextField): string {
  return toSepaText(text, SEPA_MAX_LENGTH[field])
}

/** A string with something other than white space in it (optional input fields may be null or blank). */
export function hasText(value: string | null | undefined): value is string {
  return typeof value === "string" && value.trim() !== ""
}

export function isSepaText(text: string): boolean {
  return typeof text === "string" && SEPA_TEXT.test(text)
}

/** The first character (a whole code point) that is not in the SEPA character set, or null. */
export function firstNonSepaCharacter(text: string): string | null {
  for (const char of text) {
    if (!SEPA_CHARACTER.test(char)) {
      return char
    }
  }
  return null
}

function describeCharacter(char: string): string {
  if (/[\s\p{C}]/u.test(char)) {
    const codePoint = char.codePointAt(0) ?? 0
    return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`
  }
  return `"${char}"`
}

/**
 * Why an identifier (MndtId, EndToEndId, MsgId, PmtInfId) is not acceptable, or null when it is:
 * 1–`maxLength` characters from the SEPA set, not starting or ending with "/" and without "//" (EPC rule
 * for references and identifiers). Identifiers are checked, never converted: they come back in returns
 * and bank statements and must match exactly.
 */
export function sepaIdentifierProblem(value: string, maxLength = 35): string | null {
  if (typeof value !== "string" || value.length === 0) {
    return "is empty"
  }
  const invalid = firstNonSepaCharacter(value)
  if (invalid !== null) {
    return `contains ${describeCharacter(invalid)}, which is not in the SEPA character set`
  }
  if (value.length > maxLength) {
    return `is ${value.length} characters long, at most ${maxLength} are allowed`
  }
  if (value.startsWith("/") || value.endsWith("/")) {
    return 'must not start or end with "/"'
  }
  if (value.includes("//")) {
    return 'must not contain "//"'
  }
  if (value.trim() !== value) {
    return "must not start or end with a space"
  }
  return null
}
