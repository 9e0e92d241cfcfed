export type FieldErrors = { fields: Record<string, string>; other: string[] }

const FIELD_PROBLEM = /^([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*): ([\s\S]+)$/

/**
 * The billing API names the field in each problem of a 400 ("debtor_iban: … is not a valid IBAN; debtor_address.town_name:
 * is required"). Problems are split per field so they can be shown under their inputs; a piece that names no field is
 * part of the previous reason (reasons may contain "; " themselves) or, at the start, a general message.
 */
export function parseFieldErrors(message: string): FieldErrors {
  const problems: { field: string | null; reason: string }[] = []
  for (const part of message.split("; ")) {
    const match = FIELD_PROBLEM.exec(part)
    if (match) {
      problems.push({ field: match[1], reason: match[2] })
    } else if (problems.length) {
      problems[problems.length - 1].reason += `; ${part}`
    } else {
      problems.push({ field: null, reason: part })
    }
  }
  const fields: Record<string, string> = {}
  const other: string[] = []
  for (const { field, reason } of problems) {
    if (field) {
      fields[field] = fields[field] ? `${fields[field]}; ${reason}` : reason
    } else {
      other.push(reason)
    }
  }
  return { fields, other }
}

/** Field errors of a form for fields it has no input for (shown together above the buttons). */
export function unplacedErrors(errors: FieldErrors, placed: readonly string[]) {
  return [
    ...errors.other,
    ...Object.entries(errors.fields)
      .filter(([field]) => !placed.includes(field))
      .map(([field, reason]) => `${field}: ${reason}`),
  ]
}
