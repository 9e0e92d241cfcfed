import { findExactSubsets } from "../subset-sum"

const OPTIONS = { max_solutions: 10, max_nodes: 100_000 }

describe("findExactSubsets", () => {
  it.each<[number[], number, number[][]]>([
    [[1190, 2380, 990], 3570, [[0, 1]]],
    [[1190, 2380, 990], 4560, [[0, 1, 2]]],
    [[1190, 2380, 990], 990, [[2]]],
    [[1190, 2380, 990], 1000, []],
    [[500, 500, 1000], 1000, [[0, 1], [2]]], // lexicographic: the oldest items first
    [[100, 200, 300, 400], 500, [[0, 3], [1, 2]]],
    [[], 100, []],
    [[100], 0, []],
  ])("%j summing to %i → %j", (amounts, target, solutions) => {
    expect(findExactSubsets(amounts, target, OPTIONS)).toEqual({ solutions, complete: true })
  })

  it("stops at max_solutions and still reports a complete count", () => {
    const result = findExactSubsets([100, 100, 100, 100], 200, { max_solutions: 2, max_nodes: 1000 })
    expect(result).toEqual({ solutions: [[0, 1], [0, 2]], complete: true })
  })

  it("reports an incomplete search when the node budget runs out", () => {
    const amounts = Array.from({ length: 30 }, (_, index) => 1000 + index)
    const result = findExactSubsets(amounts, 1, { max_solutions: 2, max_nodes: 50 })
    expect(result.complete).toBe(true) // 30 nodes: every item is larger than the target
    const hard = findExactSubsets(amounts, 15_000, { max_solutions: 2, max_nodes: 50 })
    expect(hard.complete).toBe(false)
  })

  it("is exact on cents (no float sums)", () => {
    // 0.10 + 0.20 = 0.30 exactly in cents, unlike 0.1 + 0.2 in floats.
    expect(findExactSubsets([10, 20], 30, OPTIONS).solutions).toEqual([[0, 1]])
  })

  it.each([[[0]], [[-5]], [[1.5]]])("rejects non-positive or fractional amounts %j", (amounts) => {
    expect(() => findExactSubsets(amounts, 10, OPTIONS)).toThrow("positive integers")
  })
})
