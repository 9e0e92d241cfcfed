/** Today's calendar date in UTC — the one place the API reads the clock for a default `as_of`/notice date. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10)
}
