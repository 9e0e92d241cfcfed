import { Alert, Button, Hint, Input, Label } from "@medusajs/ui"
import type { ComponentProps, ReactNode } from "react"

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

/** A small text input in a `FormField`; `onValueChange` gets the new text. */
export const FormInput = ({
  id,
  label,
  error,
  onValueChange,
  ...props
}: {
  id: string
  label: string
  error?: string
  onValueChange: (value: string) => void
} & Omit<ComponentProps<typeof Input>, "id" | "size" | "onChange">) => (
  <FormField id={id} label={label} error={error}>
    <Input id={id} size="small" onChange={(event) => onValueChange(event.target.value)} {...props} />
  </FormField>
)

/** The end of an edit form: problems the inputs do not show, then "Close" and the submit button. */
export const FormFooter = ({
  errors,
  onClose,
  pending,
  submitLabel,
  submitDisabled,
}: {
  /** Messages for fields without an input (see `unplacedErrors`). */
  errors: string[]
  onClose: () => void
  pending: boolean
  submitLabel: ReactNode
  submitDisabled?: boolean
}) => (
  <>
    {errors.length > 0 && (
      <Alert variant="error">
        {errors.map((message) => (
          <div key={message}>{message}</div>
        ))}
      </Alert>
    )}
    <div className="flex justify-end gap-x-2">
      <Button size="small" variant="secondary" type="button" onClick={onClose} disabled={pending}>
        Close
      </Button>
      <Button size="small" type="submit" disabled={submitDisabled} isLoading={pending}>
        {submitLabel}
      </Button>
    </div>
  </>
)
