import { Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/** The head of a container section: heading and muted description on the left, the section's controls on the right. */
export const SectionHeader = ({
  title,
  level = "h2",
  description,
  children,
}: {
  title: ReactNode
  level?: "h1" | "h2"
  description: ReactNode
  /** Filters and buttons, right-aligned. */
  children?: ReactNode
}) => (
  <div className="flex items-center justify-between gap-x-4 px-6 py-4">
    <div>
      <Heading level={level}>{title}</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        {description}
      </Text>
    </div>
    {children}
  </div>
)
