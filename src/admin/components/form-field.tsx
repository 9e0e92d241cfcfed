import { Hint, Label } from "@medusajs/ui"
import type { ReactNode } from "react"

/** A label above its input, with the API's complaint about the field below it. */
export const FormField = ({
  id,
  label,
  error,
  className,
  children,
}: {
  id: string
  label: string
  error?: string
  className?: string
  children: ReactNode
}) => (
  <div className={`flex flex-col gap-y-1 ${className ?? ""}`}>
    <Label size="small" htmlFor={id}>
      {label}
    </Label>
    {children}
    {error && <Hint variant="error">{error}</Hint>}
  </div>
)
