// Calendar dates (contract start, price validity, billing periods) are stored as ISO "YYYY-MM-DD" text:
// they are days in the merchant's calendar, not instants, so a timestamp column would only add time-zone
// drift. The check keeps anything else out of the table, whoever writes to it.
export const isoDateCheck = (column: string) => `${column} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`

export const isoDateCheckNullable = (column: string) => `${column} IS NULL OR ${isoDateCheck(column)}`
