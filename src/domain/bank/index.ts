export * from "./types"
export * from "./readers"
