import { decodeTime } from "ulid"
import { bulkEntityId } from "../entity-id"

describe("bulkEntityId", () => {
  it("has Medusa's id format, the current time, and is unique and increasing across many ids", () => {
    const before = Date.now()
    const ids = Array.from({ length: 200_000 }, () => bulkEntityId("binv"))
    for (const id of ids.slice(0, 100)) {
      expect(id).toMatch(/^binv_[0-9A-HJKMNP-TV-Z]{26}$/)
    }
    expect(decodeTime(ids[0].slice(5))).toBeGreaterThanOrEqual(before)
    expect(decodeTime(ids[ids.length - 1].slice(5))).toBeLessThanOrEqual(Date.now())
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(ids)
  })
})
