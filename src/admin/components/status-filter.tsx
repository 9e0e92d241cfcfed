import { Select } from "@medusajs/ui"
import { capitalize } from "../lib/format"

type Props<T extends string> = {
  value: T | "all"
  options: readonly T[]
  onChange: (value: T | "all") => void
  placeholder?: string
  allLabel?: string
  /** Width of the wrapper, e.g. "w-[160px]". */
  className?: string
}

/** A small select with an "All …" entry followed by the capitalized options. */
export const StatusFilter = <T extends string>({
  value,
  options,
  onChange,
  placeholder = "Status",
  allLabel = "All statuses",
  className = "w-[160px]",
}: Props<T>) => (
  <div className={className}>
    <Select size="small" value={value} onValueChange={(next) => onChange(next as T | "all")}>
      <Select.Trigger>
        <Select.Value placeholder={placeholder} />
      </Select.Trigger>
      <Select.Content>
        <Select.Item value="all">{allLabel}</Select.Item>
        {options.map((option) => (
          <Select.Item key={option} value={option}>
            {capitalize(option)}
          </Select.Item>
        ))}
      </Select.Content>
    </Select>
  </div>
)
