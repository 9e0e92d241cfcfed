/**
 * Normalisation of what payers type: invoice and customer numbers are compared without
 * case, spaces, hyphens, underscores, dots or slashes, and with the letters that look like
 * digits (O, I, l, S, B, Z) read as those digits, so "re 2026 OOO123" and "RE-2026-000123"
 * get the same key.
 */

const OCR_DIGIT_FOR: Readonly<Record<string, string>> = { O: "0", I: "1", L: "1", S: "5", B: "8", Z: "2" }
const OCR_CONFUSABLE = /[OILSBZ]/g

/** Upper case, letters and digits only: "re-2026_000.123" → "RE2026000123". */
export function normalizeReference(value: string): string {
  return value.toUpperCase().replace(/[^A-Z0-9]/g, "")
}

/** Reads letters that look like digits as the digits: "RE2026OOO1Z3" → "RE20260001Z3" → "RE2026000123". */
export function foldOcr(normalized: string): string {
  return normalized.replace(OCR_CONFUSABLE, (char) => OCR_DIGIT_FOR[char])
}

/** The key numbers are looked up by: normalised, then OCR-folded. */
export function referenceKey(value: string): string {
  return foldOcr(normalizeReference(value))
}

/** "de89 3704 0044 0532 0130 00" → "DE89370400440532013000". */
export function normalizeIban(iban: string): string {
  return iban.toUpperCase().replace(/[^A-Z0-9]/g, "")
}

export interface TextToken {
  /** A run of letters or of digits, upper-cased. */
  raw: string
  /** `raw` OCR-folded. */
  folded: string
  digits: boolean
  /** Offsets in the source text. */
  start: number
  end: number
  /** The characters between the previous token and this one ("" when letters meet digits). */
  gap: string
}

const TOKEN = /[A-Za-z]+|[0-9]+/g

/** Splits a text into runs of letters and runs of digits: "Rg.Nr.RE2026-OOO123" → RG, NR, RE, 2026, OOO, 123. */
export function tokenizeText(text: string): TextToken[] {
  const tokens: TextToken[] = []
  let previousEnd = 0
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index ?? 0
    const raw = match[0].toUpperCase()
    tokens.push({
      raw,
      folded: foldOcr(raw),
      digits: raw.charCodeAt(0) <= 57,
      start,
      end: start + raw.length,
      gap: text.slice(previousEnd, start),
    })
    previousEnd = start + raw.length
  }
  return tokens
}
