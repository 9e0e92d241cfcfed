/**
 * The exact decimal string of a `model.bigNumber()` field of a row read through a module service. The plain
 * field is a JS number (fine for display, lossy beyond ~15 digits); `raw_<field>.value` keeps the exact
 * decimal, so billing math reads that one.
 */
export function decimalField<T extends object>(row: T, field: keyof T & string): string | null {
  const record = row as Record<string, unknown>
  const raw = record[`raw_${field}`] as { value?: unknown } | null | undefined
  if (raw && raw.value !== undefined && raw.value !== null) {
    return String(raw.value)
  }
  const value = record[field]
  return value === null || value === undefined ? null : String(value)
}
