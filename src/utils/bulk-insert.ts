import { MathBN, MedusaError } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"

export interface BulkInsertOptions {
  /** `model.bigNumber()` columns: the value goes to the numeric column and, as the ORM writes it, to `raw_<column>`. */
  bigNumbers?: readonly string[]
  /** Appended verbatim, e.g. `ON CONFLICT (code) WHERE deleted_at IS NULL DO NOTHING`. */
  onConflict?: string
  /** Columns to return for the rows really inserted. */
  returning?: readonly string[]
}

const CHUNK = 5000
const PLAIN_DECIMAL = /^(-?)0*(\d+?)(?:\.(\d*?)0*)?$/

/** "19.90" → "19.9", "-0.00" → "0", "007" → "7": the decimal without redundant zeros, as a string. */
export function canonicalDecimal(value: unknown): string {
  const match = typeof value === "string" ? PLAIN_DECIMAL.exec(value) : null
  if (!match) {
    return MathBN.convert(value as string).toFixed()
  }
  const [, sign, whole, fraction] = match
  const digits = fraction ? `${whole}.${fraction}` : whole
  return sign && /[1-9]/.test(digits) ? `-${digits}` : digits
}

/**
 * Inserts plain rows into a module's own table with one statement per 5,000 rows, typed by the table itself
 * (`jsonb_populate_recordset(NULL::table, …)`), with `created_at`/`updated_at` set to now(). This is how the
 * billing run writes hundreds of thousands of rows without building an ORM entity per row (docs/BENCHMARKS.md).
 * Every row must carry the same columns, its id included. A unique violation becomes Medusa's DUPLICATE_ERROR
 * naming the constraint, as the ORM's create would.
 */
export async function bulkInsert<R = Record<string, unknown>>(
  manager: SqlEntityManager,
  table: string,
  rows: Record<string, unknown>[],
  options: BulkInsertOptions = {}
): Promise<R[]> {
  if (!rows.length) {
    return []
  }
  const bigNumbers = options.bigNumbers ?? []
  const prepared = rows.map((row) => {
    const out: Record<string, unknown> = { ...row }
    for (const column of bigNumbers) {
      const value = row[column]
      // Stored as the ORM stores a bigNumber: without trailing zeros ("19.90" → "19.9").
      const exact = value === null || value === undefined ? null : canonicalDecimal(value)
      out[column] = exact
      out[`raw_${column}`] = exact === null ? null : { value: exact, precision: 20 }
    }
    return out
  })
  const columns = Object.keys(prepared[0])
  const list = columns.map((c) => `"${c}"`).join(", ")
  const returned: R[] = []
  for (let i = 0; i < prepared.length; i += CHUNK) {
    const chunk = prepared.slice(i, i + CHUNK)
    const sql = `INSERT INTO "${table}" (${list}, created_at, updated_at)
      SELECT ${list}, now(), now() FROM jsonb_populate_recordset(NULL::"${table}", ?::jsonb)
      ${options.onConflict ?? ""} ${options.returning?.length ? `RETURNING ${options.returning.map((c) => `"${c}"`).join(", ")}` : ""}`
    try {
      // Through knex with a bound parameter: the ORM's execute() would inline the JSON into the SQL text
      // (escaping every character of a multi-megabyte string) — 3× slower for a 10,000-row insert.
      let query = manager.getKnex().raw(sql, [JSON.stringify(chunk)])
      const transaction = manager.getTransactionContext()
      if (transaction) {
        query = query.transacting(transaction)
      }
      const result = (await query) as unknown as { rows: R[] }
      if (options.returning?.length) {
        returned.push(...result.rows)
      }
    } catch (error) {
      const pg = error as { code?: string; constraint?: string; detail?: string }
      if (pg.code === "23505") {
        const key = /^Key \((.*)\)=\((.*)\) already exists/.exec(pg.detail ?? "")
        throw new MedusaError(
          MedusaError.Types.DUPLICATE_ERROR,
          key ? `${table} with ${key[1]}: ${key[2]}, already exists.` : `${table}: violates ${pg.constraint ?? "a unique key"}`
        )
      }
      throw error
    }
  }
  return returned
}
