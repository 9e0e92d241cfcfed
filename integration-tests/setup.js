const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")

MetadataStorage.clear()

// HTTP tests boot the app without its scheduled jobs: a billing run, bank import or dunning job firing at a
// wall-clock boundary in the middle of a test would change the data the test is checking. Tests that need a
// job call its function directly.
if (process.env.TEST_TYPE === "http") {
  process.env.MEDUSA_WORKER_MODE = "server"
}
