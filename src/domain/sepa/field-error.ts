/** A problem with one input field; `field` is the path in the input ("payment_groups[0].transactions[3].debtor_iban"). */
export interface SepaFieldError {
  field: string
  reason: string
}

export function formatFieldError(error: SepaFieldError): string {
  return `${error.field}: ${error.reason}`
}

/** Prefixes every field path ("transactions[3]" + "debtor_iban" → "transactions[3].debtor_iban"). */
export function withFieldPrefix(prefix: string, errors: readonly SepaFieldError[]): SepaFieldError[] {
  return errors.map((error) => ({ ...error, field: `${prefix}.${error.field}` }))
}

/** Thrown with every problem found at once, so a batch is fixed in one round and never half-written. */
export class SepaValidationError extends Error {
  readonly errors: readonly SepaFieldError[]

  constructor(errors: readonly SepaFieldError[]) {
    super(
      errors.length === 1
        ? formatFieldError(errors[0])
        : `${errors.length} problems:\n${errors.map(formatFieldError).join("\n")}`
    )
    this.name = "SepaValidationError"
    this.errors = errors
  }
}
