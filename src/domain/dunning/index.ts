export * from "./options"
export * from "./plan"
