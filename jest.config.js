const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const kinds = {
  unit: ["<rootDir>/src/**/__tests__/**/*.unit.spec.ts"],
  modules: ["<rootDir>/src/modules/*/__tests__/**/*.spec.ts"],
  http: ["<rootDir>/integration-tests/http/**/*.spec.ts"],
}

module.exports = {
  transform: {
    "^.+\\.[jt]sx?$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript", decorators: true }, target: "es2021" } },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/"],
  setupFiles: ["<rootDir>/integration-tests/setup.js"],
  testMatch: kinds[process.env.TEST_TYPE ?? "unit"],
}
