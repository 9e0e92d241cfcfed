import { defineConfig, loadEnv, Modules } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

// The development/demo server of the plugin: it loads the plugin's modules from src/ (Medusa picks up
// src/api, src/jobs, src/subscribers, src/workflows, src/links and src/admin of this directory by itself).
// With REDIS_URL the same code runs on Medusa's Redis event bus, workflow engine and locking, as it does
// in production with several processes.
const redisUrl = process.env.REDIS_URL

const redisModules = redisUrl
  ? [
      { key: Modules.EVENT_BUS, resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
      { key: Modules.WORKFLOW_ENGINE, resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl } } },
      {
        key: Modules.LOCKING,
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            { resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } },
          ],
        },
      },
    ]
  : []

// Invoice mails go through Medusa's Notification module: the plugin's SMTP provider when SMTP_HOST is set,
// otherwise Medusa's local provider, which only logs the mail (enough for the demo and for tests).
const notificationModule = {
  key: Modules.NOTIFICATION,
  resolve: "@medusajs/medusa/notification",
  options: {
    providers: [
      process.env.SMTP_HOST
        ? {
            resolve: "./src/providers/smtp",
            id: "smtp",
            options: {
              channels: ["email"],
              host: process.env.SMTP_HOST,
              port: process.env.SMTP_PORT,
              secure: process.env.SMTP_SECURE,
              auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
              from: process.env.SMTP_FROM || "billing@localhost",
            },
          }
        : { resolve: "@medusajs/medusa/notification-local", id: "local", options: { channels: ["email"] } },
    ],
  },
}

// The plugin's options, as an app would pass them in `plugins: [{ resolve, options }]` (Medusa hands plugin
// options to every module of the plugin). Here they go to the modules directly.
const billingOptions = {
  seller: {
    name: process.env.BILLING_SELLER_NAME || "Snack Box GmbH",
    address_lines: (process.env.BILLING_SELLER_ADDRESS || "Musterstraße 1|10115 Berlin").split("|"),
    country_code: process.env.BILLING_SELLER_COUNTRY || "DE",
    vat_id: process.env.BILLING_SELLER_VAT_ID || "DE123456789",
    tax_number: process.env.BILLING_SELLER_TAX_NUMBER || null,
    email: process.env.BILLING_SELLER_EMAIL || "billing@snackbox.example",
    phone: null,
    bank: { name: "Demo Bank", iban: "DE89370400440532013000", bic: "COBADEFFXXX" },
    logo_path: process.env.BILLING_SELLER_LOGO || null,
  },
  default_locale: "de",
  allow_future_billing_runs: process.env.BILLING_ALLOW_FUTURE_RUNS === "true",
  // Bank statements dropped here are imported and matched by the bank-import job (see docs/bank.md).
  bank_import_folder: process.env.BILLING_BANK_IMPORT_FOLDER || null,
}

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    // "server" runs no scheduled jobs (the HTTP tests use it, see integration-tests/setup.js); "worker" and
    // "shared" (the default) do.
    workerMode: (process.env.MEDUSA_WORKER_MODE as "shared" | "worker" | "server" | undefined) ?? "shared",
    redisUrl,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000,http://localhost:9000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000,http://localhost:5173",
      authCors: process.env.AUTH_CORS || "http://localhost:9000,http://localhost:5173,http://localhost:8000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLE === "true",
  },
  modules: [
    { resolve: "./src/modules/billing-catalog" },
    { resolve: "./src/modules/billing-contract" },
    { resolve: "./src/modules/billing-invoice", options: billingOptions },
    { resolve: "./src/modules/billing-ledger" },
    { resolve: "./src/modules/billing-document" },
    { resolve: "./src/modules/billing-payment", options: billingOptions },
    { resolve: "./src/modules/billing-collection", options: billingOptions },
    { resolve: "./src/modules/billing-dunning", options: billingOptions },
    notificationModule,
    // HTTP tests charge cards through a test provider (pp_billing-test_test): the real Stripe API is not reachable
    // there. An absolute path: Medusa resolves "./…" provider paths inside src/.
    ...(process.env.BILLING_TEST_PAYMENT_PROVIDER === "true"
      ? [{ key: Modules.PAYMENT, resolve: "@medusajs/medusa/payment", options: { providers: [{ resolve: `${__dirname}/integration-tests/providers/test-payment`, id: "test" }] } }]
      : []),
    ...redisModules,
  ],
})
