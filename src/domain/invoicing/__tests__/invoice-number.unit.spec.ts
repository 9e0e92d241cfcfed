import {
  DEFAULT_CANCELLATION_NUMBER_FORMAT,
  DEFAULT_INVOICE_NUMBER_FORMAT,
  formatInvoiceNumber,
  numberSequenceScope,
  validateNumberFormat,
} from "../invoice-number"

describe("default formats", () => {
  it("are RE-{YYYY}-{SEQ:6} and ST-{YYYY}-{SEQ:6} and valid", () => {
    expect(DEFAULT_INVOICE_NUMBER_FORMAT).toBe("RE-{YYYY}-{SEQ:6}")
    expect(DEFAULT_CANCELLATION_NUMBER_FORMAT).toBe("ST-{YYYY}-{SEQ:6}")
    expect(validateNumberFormat(DEFAULT_INVOICE_NUMBER_FORMAT)).toBeNull()
    expect(validateNumberFormat(DEFAULT_CANCELLATION_NUMBER_FORMAT)).toBeNull()
  })
})

describe("validateNumberFormat", () => {
  it.each([
    "RE-{YYYY}-{SEQ:6}",
    "{PROJECT}/{YY}{MM}/{SEQ:4}",
    "{SEQ}",
    "INV_{YYYY}.{MM}-{SEQ:10}",
    "ABCDEFGHIJKLMNOPQRSTUVWX-{YYYY}-{SEQ:10}", // 24 + 1 + 4 + 1 + 10 = 40
  ])("accepts %s", (format) => {
    expect(validateNumberFormat(format)).toBeNull()
  })

  it.each([
    ["", "invoice_number_format: must not be empty"],
    ["RE-{YYYY}", "invoice_number_format: needs exactly one {SEQ} or {SEQ:n} placeholder, found 0"],
    ["{SEQ}-{SEQ:3}", "invoice_number_format: needs exactly one {SEQ} or {SEQ:n} placeholder, found 2"],
    ["RE-{YEAR}-{SEQ}", "invoice_number_format: unknown placeholder {YEAR}"],
    ["RE-{yyyy}-{SEQ}", "invoice_number_format: unknown placeholder {yyyy}"],
    ["RE-{SEQ:0}", "invoice_number_format: unknown placeholder {SEQ:0}"],
    ["RE-{SEQ:100}", "invoice_number_format: unknown placeholder {SEQ:100}"],
    ["RE-{}{SEQ}", "invoice_number_format: unknown placeholder {}"],
    ["RE {SEQ}", 'invoice_number_format: character " " is not allowed'],
    ["RE#{SEQ}", 'invoice_number_format: character "#" is not allowed'],
    ["RÄ-{SEQ}", 'invoice_number_format: character "Ä" is not allowed'],
    ["RE-{SEQ", 'invoice_number_format: character "{" is not allowed'],
    ["RE-}{SEQ}", 'invoice_number_format: character "}" is not allowed'],
    // 26 + 1 + 4 + 1 + 10 = 42
    ["ABCDEFGHIJKLMNOPQRSTUVWXYZ-{YYYY}-{SEQ:10}", "invoice_number_format: numbers would be 42 characters long, at most 40 are allowed"],
    ["RE-{SEQ:41}", "invoice_number_format: numbers would be 44 characters long"],
  ])("rejects %j", (format, message) => {
    const problem = validateNumberFormat(format)
    expect(problem).not.toBeNull()
    expect(problem).toContain(message)
  })

  it("names another field when asked", () => {
    expect(validateNumberFormat("ST-{YYYY}", { field: "cancellation_number_format" })).toMatch(/^cancellation_number_format: /)
  })

  it.each<[string, string, string | null]>([
    ["{PROJECT}-{SEQ:6}", "acme", null],
    ["{PROJECT}-{SEQ:6}", "AC ME", 'invoice_number_format: {PROJECT} would insert the project code "AC ME", which is empty or contains " "'],
    ["{PROJECT}-{SEQ:6}", "", 'invoice_number_format: {PROJECT} would insert the project code ""'],
    // 34 + 1 + 6 = 41
    ["{PROJECT}-{SEQ:6}", "P".repeat(34), "invoice_number_format: numbers would be 41 characters long, at most 40 are allowed"],
    ["{PROJECT}-{SEQ:6}", "P".repeat(33), null],
  ])("%s with project code %j", (format, project_code, expected) => {
    const problem = validateNumberFormat(format, { project_code })
    if (expected === null) {
      expect(problem).toBeNull()
    } else {
      expect(problem).toContain(expected)
    }
  })
})

describe("numberSequenceScope", () => {
  it.each([
    ["RE-{YYYY}-{SEQ:6}", "2026-03-15", "2026"],
    ["RE-{YY}-{SEQ:6}", "2026-03-15", "2026"],
    ["RE-{YY}{MM}-{SEQ:4}", "2026-03-15", "2026-03"],
    ["RE-{YYYY}/{MM}/{SEQ}", "2026-12-31", "2026-12"],
    ["RE-{SEQ:6}", "2026-03-15", ""],
    ["{PROJECT}-{SEQ}", "2026-03-15", ""],
    ["RE-{MM}-{SEQ}", "2026-03-15", ""], // a month without a year cannot restart the counter
  ])("%s on %s → %j", (format, date, expected) => {
    expect(numberSequenceScope(format, date)).toBe(expected)
  })

  it("rejects an invalid issue date", () => {
    expect(() => numberSequenceScope("RE-{YYYY}-{SEQ}", "2026-02-29")).toThrow("issue date")
  })
})

describe("formatInvoiceNumber", () => {
  it.each([
    [DEFAULT_INVOICE_NUMBER_FORMAT, "2026-03-15", 1, undefined, "RE-2026-000001"],
    [DEFAULT_CANCELLATION_NUMBER_FORMAT, "2026-01-01", 42, undefined, "ST-2026-000042"],
    ["{PROJECT}-{YY}{MM}-{SEQ:4}", "2026-03-15", 7, "acme", "ACME-2603-0007"],
    ["R{SEQ}", "2026-03-15", 12345, undefined, "R12345"],
    ["RE-{YYYY}-{SEQ:3}", "2026-03-15", 1234, undefined, "RE-2026-1234"], // padding never truncates
    ["{YYYY}{MM}{SEQ:2}", "2027-11-05", 3, undefined, "20271103"],
    ["{PROJECT}_{SEQ:3}", "2026-03-15", 9, "Web.Shop-1", "WEB.SHOP-1_009"],
  ])("%s on %s with %i (%s) → %s", (format, issue_date, seq, project_code, expected) => {
    expect(formatInvoiceNumber(format, { issue_date, seq, project_code })).toBe(expected)
  })

  it.each<[string, string, number, string | undefined, string]>([
    ["RE-{SEQ}", "2026-03-15", 0, undefined, "positive integer"],
    ["RE-{SEQ}", "2026-03-15", 1.5, undefined, "positive integer"],
    ["RE-{SEQ}", "2026-03-15", -3, undefined, "positive integer"],
    ["RE-{YEAR}-{SEQ}", "2026-03-15", 1, undefined, "invoice_number_format: unknown placeholder {YEAR}"],
    ["{PROJECT}-{SEQ}", "2026-03-15", 1, undefined, "{PROJECT} would insert the project code"],
    ["RE-{SEQ}", "15.03.2026", 1, undefined, "issue date"],
  ])("%s on %s with %s (%s) throws", (format, issue_date, seq, project_code, message) => {
    expect(() => formatInvoiceNumber(format, { issue_date, seq, project_code })).toThrow(message)
  })

  /** What the invoice module does: one counter per numberSequenceScope, starting at 1. */
  function issueNumbers(format: string, dates: string[]): string[] {
    const counters = new Map<string, number>()
    return dates.map((issue_date) => {
      const scope = numberSequenceScope(format, issue_date)
      const seq = (counters.get(scope) ?? 0) + 1
      counters.set(scope, seq)
      return formatInvoiceNumber(format, { issue_date, seq })
    })
  }

  it.each([
    ["per year", "RE-{YYYY}-{SEQ:6}", ["2026-12-30", "2026-12-31", "2027-01-01", "2027-06-01"], ["RE-2026-000001", "RE-2026-000002", "RE-2027-000001", "RE-2027-000002"]],
    ["per month", "RE-{YYYY}{MM}-{SEQ:3}", ["2026-03-31", "2026-04-01", "2026-04-02", "2027-04-01"], ["RE-202603-001", "RE-202604-001", "RE-202604-002", "RE-202704-001"]],
    ["global", "RE-{SEQ:5}", ["2026-12-31", "2027-01-01", "2027-02-01"], ["RE-00001", "RE-00002", "RE-00003"]],
  ])("counter restarts %s", (_name, format, dates, expected) => {
    expect(issueNumbers(format, dates)).toEqual(expected)
  })
})
