/**
 * SEPA creditor identifier (Gläubiger-Identifikationsnummer), e.g. DE98ZZZ09999999999:
 * country (2 letters) · check digits (2) · creditor business code (3, free to choose, "ZZZ" by default,
 * not part of the checksum) · national identifier. The check digits are ISO 7064 MOD 97-10 over
 * national identifier + country + "00", letters counted as A = 10 … Z = 35, as for an IBAN.
 */

export type CreditorIdCheck =
  | {
      valid: true
      /** Normalised: spaces removed, upper case. */
      creditor_id: string
      country_code: string
      check_digits: string
      business_code: string
      national_id: string
    }
  | { valid: false; reason: string }

const SHAPE = /^([A-Z]{2})([0-9]{2})([A-Z0-9]{3})([A-Z0-9]+)$/
const MAX_LENGTH = 35

/**
 * National rules we know for certain. Germany: 18 characters, the national part is 11 digits
 * (assigned by the Deutsche Bundesbank).
 */
const NATIONAL_FORMAT: Readonly<Record<string, { length: number; nationalId: RegExp; description: string }>> = {
  DE: { length: 18, nationalId: /^[0-9]{11}$/, description: "18 characters with an 11-digit national part" },
}

/** Spaces removed, upper case ("de98 zzz0 9999 9999 99" → "DE98ZZZ09999999999"). */
export function normaliseCreditorId(input: string): string {
  return input.replace(/\s+/g, "").toUpperCase()
}

/** MOD 97 of the digit string that replaces every letter by its number (A = 10 … Z = 35). */
function mod97(alphanumeric: string): number {
  let remainder = 0
  for (const char of alphanumeric) {
    const code = char.charCodeAt(0)
    const value = code >= 65 && code <= 90 ? code - 55 : code - 48
    if (value < 0 || value > 35) {
      throw new Error(`"${char}" is neither a digit nor a letter A–Z`)
    }
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97
  }
  return remainder
}

/**
 * The two check digits for a country and national identifier (the business code does not count):
 * 98 − (national id + country + "00") mod 97, zero-padded. creditorIdCheckDigits("DE", "00000000000") is "36".
 */
export function creditorIdCheckDigits(countryCode: string, nationalId: string): string {
  const country = normaliseCreditorId(countryCode)
  const national = normaliseCreditorId(nationalId)
  if (!/^[A-Z]{2}$/.test(country)) {
    throw new Error(`Invalid country code "${countryCode}", expected two letters`)
  }
  if (!/^[A-Z0-9]+$/.test(national)) {
    throw new Error(`Invalid national identifier "${nationalId}", expected letters and digits`)
  }
  return String(98 - mod97(`${national}${country}00`)).padStart(2, "0")
}

export function validateCreditorId(input: string): CreditorIdCheck {
  if (typeof input !== "string" || input.trim() === "") {
    return { valid: false, reason: "is empty" }
  }
  const creditorId = normaliseCreditorId(input)
  if (creditorId.length > MAX_LENGTH) {
    return { valid: false, reason: `${creditorId} is ${creditorId.length} characters long, at most ${MAX_LENGTH} are allowed` }
  }
  const match = SHAPE.exec(creditorId)
  if (!match) {
    return {
      valid: false,
      reason:
        `${creditorId} is not shaped like a creditor identifier: 2-letter country, 2 check digits, ` +
        "3-character business code, national identifier (letters and digits only)",
    }
  }
  const [, country, checkDigits, businessCode, nationalId] = match
  const national = NATIONAL_FORMAT[country]
  if (national && (creditorId.length !== national.length || !national.nationalId.test(nationalId))) {
    return { valid: false, reason: `${creditorId}: a ${country} creditor identifier has ${national.description}` }
  }
  const expected = creditorIdCheckDigits(country, nationalId)
  if (checkDigits !== expected) {
    return {
      valid: false,
      reason: `${creditorId} fails the checksum: the check digits for national identifier ${nationalId} are ${expected}, not ${checkDigits}`,
    }
  }
  return {
    valid: true,
    creditor_id: creditorId,
    country_code: country,
    check_digits: checkDigits,
    business_code: businessCode,
    national_id: nationalId,
  }
}

export function isValidCreditorId(input: string): boolean {
  return validateCreditorId(input).valid
}
