import Medusa from "@medusajs/js-sdk"

/**
 * `medusa plugin:build` freezes `import.meta.env.VITE_*` at plugin build time (it compiles to `undefined`), so for
 * installed copies the backend URL comes from `__BACKEND_URL__`, which the host application's admin bundler defines
 * (Medusa's guidance for plugins). The `VITE_BACKEND_URL` fallback only matters when this repository serves its own admin.
 */
const backendUrl = (typeof __BACKEND_URL__ !== "undefined" && __BACKEND_URL__) || import.meta.env.VITE_BACKEND_URL || "/"

export const sdk = new Medusa({
  baseUrl: backendUrl,
  debug: false,
  auth: { type: "session" },
})
