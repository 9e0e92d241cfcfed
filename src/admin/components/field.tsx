import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/** A labelled value in a detail grid. */
export const Field = ({ label, children }: { label: string; children: ReactNode }) => (
  <div>
    <Text size="small" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size="small">{children}</Text>
  </div>
)
