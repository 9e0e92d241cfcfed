import type * as IbanTools from "ibantools" with { "resolution-mode": "import" }

// ibantools ships a CommonJS build for require() but declares its types as ESM only, which TypeScript
// refuses to import from this CommonJS project; the CommonJS build is loaded with the ESM declarations.
const ibantools: typeof IbanTools = require("ibantools")
const { electronicFormatIBAN, getCountrySpecifications, isSEPACountry, isValidBIC, validateIBAN } = ibantools
const Problem = ibantools.ValidationErrorsIBAN

const IBAN_PROBLEMS: Readonly<Record<IbanTools.ValidationErrorsIBAN, string>> = {
  [Problem.NoIBANProvided]: "it is empty",
  [Problem.NoIBANCountry]: "unknown country code",
  [Problem.WrongBBANLength]: "wrong length for its country",
  [Problem.WrongBBANFormat]: "the account part has the wrong format for its country",
  [Problem.ChecksumNotNumber]: "the check digits are not numeric",
  [Problem.WrongIBANChecksum]: "the check digits do not match",
  [Problem.WrongAccountBankBranchChecksum]: "the national account checksum fails",
  [Problem.QRIBANNotAllowed]: "QR-IBANs are not allowed",
}

/** An ISO 3166 alpha-2 code ibantools knows (all countries, not only IBAN ones). */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && getCountrySpecifications()[code] !== undefined
}

/** Electronic format: no spaces, upper case ("de89 3704 …" → "DE893704…"). */
export function normaliseIban(iban: string): string {
  return (electronicFormatIBAN(iban) ?? "").toUpperCase()
}

export function normaliseBic(bic: string): string {
  return bic.replace(/\s+/g, "").toUpperCase()
}

/** Why an IBAN cannot be collected from or paid to by SEPA direct debit, or null. */
export function ibanProblem(iban: string): string | null {
  if (typeof iban !== "string" || iban.trim() === "") {
    return "is empty"
  }
  const normalised = normaliseIban(iban)
  const result = validateIBAN(normalised)
  if (!result.valid) {
    const details = result.errorCodes.map((code) => IBAN_PROBLEMS[code]).join("; ")
    return `${normalised} is not a valid IBAN (${details})`
  }
  const country = normalised.slice(0, 2)
  if (!isSEPACountry(country)) {
    return `${normalised} is not an account in the SEPA area (${country})`
  }
  return null
}

/** Why a BIC is not valid, or null (8 or 11 characters, ISO 9362). */
export function bicProblem(bic: string): string | null {
  if (typeof bic !== "string" || bic.trim() === "") {
    return "is empty"
  }
  const normalised = normaliseBic(bic)
  return isValidBIC(normalised) ? null : `${normalised} is not a valid BIC`
}
