import { assertIsoDate } from "../calendar-date"

export const DEFAULT_INVOICE_NUMBER_FORMAT = "RE-{YYYY}-{SEQ:6}"
export const DEFAULT_CANCELLATION_NUMBER_FORMAT = "ST-{YYYY}-{SEQ:6}"
export const INVOICE_NUMBER_MAX_LENGTH = 40

const PLACEHOLDER = /\{([^{}]*)\}/g
const LITERAL_CHAR = /^[A-Za-z0-9_./-]$/
const SEQ_WITH_WIDTH = /^SEQ:([1-9][0-9]?)$/

type Token =
  | { kind: "literal"; text: string }
  | { kind: "YYYY" | "YY" | "MM" | "PROJECT" }
  | { kind: "SEQ"; width: number }

function tokenize(format: string): { tokens: Token[] } | { problem: string } {
  const tokens: Token[] = []
  let last = 0
  for (const match of format.matchAll(PLACEHOLDER)) {
    const index = match.index ?? 0
    if (index > last) {
      tokens.push({ kind: "literal", text: format.slice(last, index) })
    }
    const name = match[1]
    const seq = SEQ_WITH_WIDTH.exec(name)
    if (name === "YYYY" || name === "YY" || name === "MM" || name === "PROJECT") {
      tokens.push({ kind: name })
    } else if (name === "SEQ") {
      tokens.push({ kind: "SEQ", width: 1 })
    } else if (seq) {
      tokens.push({ kind: "SEQ", width: Number(seq[1]) })
    } else {
      return {
        problem: `unknown placeholder {${name}}; allowed are {YYYY}, {YY}, {MM}, {SEQ}, {SEQ:n} (n = 1–99) and {PROJECT}`,
      }
    }
    last = index + match[0].length
  }
  if (last < format.length) {
    tokens.push({ kind: "literal", text: format.slice(last) })
  }
  return { tokens }
}

export interface NumberFormatOptions {
  /** The field name used in messages; default `invoice_number_format`. */
  field?: string
  /** When given, {PROJECT} counts with this code's length and the code's characters are checked. */
  project_code?: string
}

/**
 * The first problem of an invoice number format as a message naming the field, or null:
 * only known placeholders, exactly one {SEQ}/{SEQ:n}, literal characters from
 * [A-Za-z0-9_./-] only, and at most 40 characters when expanded with the sequence at its
 * padding width ({SEQ} counts 1) and the project code ({PROJECT} counts 1 without one).
 */
export function validateNumberFormat(format: string, options: NumberFormatOptions = {}): string | null {
  const field = options.field ?? "invoice_number_format"
  if (typeof format !== "string" || format.length === 0) {
    return `${field}: must not be empty`
  }
  const parsed = tokenize(format)
  if ("problem" in parsed) {
    return `${field}: ${parsed.problem}`
  }
  let seqCount = 0
  let length = 0
  for (const token of parsed.tokens) {
    switch (token.kind) {
      case "literal": {
        const bad = [...token.text].find((char) => !LITERAL_CHAR.test(char))
        if (bad !== undefined) {
          return `${field}: character "${bad}" is not allowed; use letters, digits, "_", ".", "/", "-" and placeholders`
        }
        length += token.text.length
        break
      }
      case "YYYY":
        length += 4
        break
      case "YY":
      case "MM":
        length += 2
        break
      case "SEQ":
        seqCount += 1
        length += token.width
        break
      case "PROJECT": {
        const code = options.project_code
        if (code === undefined) {
          length += 1
          break
        }
        const bad = [...code].find((char) => !LITERAL_CHAR.test(char))
        if (code.length === 0 || bad !== undefined) {
          return `${field}: {PROJECT} would insert the project code "${code}", which is empty or contains "${bad ?? ""}"`
        }
        length += code.length
        break
      }
    }
  }
  if (seqCount !== 1) {
    return `${field}: needs exactly one {SEQ} or {SEQ:n} placeholder, found ${seqCount}`
  }
  if (length > INVOICE_NUMBER_MAX_LENGTH) {
    return `${field}: numbers would be ${length} characters long, at most ${INVOICE_NUMBER_MAX_LENGTH} are allowed`
  }
  return null
}

function hasToken(format: string, name: string): boolean {
  return format.includes(`{${name}}`)
}

/**
 * The scope of the sequence counter for numbers issued on `issueDate`: the counter
 * restarts every month ("2026-03") when the format has a year and {MM}, every year
 * ("2026") when it has a year only, and never ("") otherwise.
 */
export function numberSequenceScope(format: string, issueDate: string): string {
  assertIsoDate(issueDate, "issue date")
  const hasYear = hasToken(format, "YYYY") || hasToken(format, "YY")
  if (!hasYear) {
    return ""
  }
  return hasToken(format, "MM") ? issueDate.slice(0, 7) : issueDate.slice(0, 4)
}

export interface NumberInput {
  issue_date: string
  /** The counter value within numberSequenceScope(format, issue_date), from 1 on. */
  seq: number
  /** Required when the format contains {PROJECT}; printed upper-cased. */
  project_code?: string | null
}

/**
 * Expands a format: {YYYY}/{YY}/{MM} from the issue date, {SEQ:n} zero-padded to n digits
 * (never truncated), {SEQ} unpadded, {PROJECT} the upper-cased project code.
 * Throws on an invalid format or input.
 */
export function formatInvoiceNumber(format: string, input: NumberInput): string {
  assertIsoDate(input.issue_date, "issue date")
  if (!Number.isSafeInteger(input.seq) || input.seq < 1) {
    throw new Error(`Invoice number sequence must be a positive integer, got ${input.seq}`)
  }
  const parsed = tokenize(format)
  const projectCode = input.project_code?.toUpperCase()
  const problem = validateNumberFormat(
    format,
    hasToken(format, "PROJECT") ? { project_code: projectCode ?? "" } : {}
  )
  if (problem !== null || "problem" in parsed) {
    throw new Error(problem ?? "invalid invoice number format")
  }
  const year = input.issue_date.slice(0, 4)
  return parsed.tokens
    .map((token) => {
      switch (token.kind) {
        case "literal":
          return token.text
        case "YYYY":
          return year
        case "YY":
          return year.slice(2)
        case "MM":
          return input.issue_date.slice(5, 7)
        case "SEQ":
          return String(input.seq).padStart(token.width, "0")
        case "PROJECT":
          return projectCode ?? ""
      }
    })
    .join("")
}
