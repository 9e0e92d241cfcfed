/// <reference types="vite/client" />

/** Globals the Medusa admin bundler defines for the host application (see "Environment Variables in Plugins"). */
declare const __BACKEND_URL__: string | undefined
declare const __BASE__: string
