export * from "./postings"
