import { toast } from "@medusajs/ui"
import { sdk } from "../lib/sdk"

type Options = {
  /** The Accept header, e.g. "application/pdf". */
  accept: string
  /** The name a downloaded file is saved under. */
  filename: string
  /** Open in a new tab (PDFs) instead of saving the file (XML for the bank). */
  inline?: boolean
}

/**
 * Fetches a stored document with the admin session (a plain link would lack it when the backend runs on another origin)
 * and opens it in a new tab or saves it. Errors are shown as a toast.
 */
export async function openFile(path: string, { accept, filename, inline = false }: Options) {
  // Opened before the request, so that the popup blocker still sees the click.
  const tab = inline ? window.open("", "_blank") : null
  try {
    const response = await sdk.client.fetch<Response>(path, { headers: { accept } })
    const url = URL.createObjectURL(await response.blob())
    if (tab) {
      tab.location.href = url
    } else {
      const link = document.createElement("a")
      link.href = url
      link.download = filename
      link.click()
    }
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
  } catch (err) {
    tab?.close()
    toast.error((err as Error).message)
  }
}
