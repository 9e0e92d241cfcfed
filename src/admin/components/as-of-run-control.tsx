import { Button, Container, Heading, Input, Label, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation } from "@tanstack/react-query"
import { type ReactNode, useState } from "react"
import { isIsoDate, todayIso } from "../lib/format"
import { sdk } from "../lib/sdk"

type RunInput = { as_of: string; dry_run: boolean }

/**
 * "As of" date with "Preview" (a dry run, nothing written) and a run button that asks for confirmation first; posts
 * `{ as_of, dry_run }` to `path`. The result of either is shown by the caller below (`children`).
 */
export const AsOfRunControl = <TResponse,>({
  title,
  description,
  inputId,
  path,
  runLabel,
  confirm,
  onPreviewed,
  onRan,
  children,
}: {
  title: string
  description: string
  inputId: string
  path: string
  runLabel: string
  /** The confirmation prompt of a real run for the chosen date. */
  confirm: (asOf: string) => { title: string; description: string; confirmText: string }
  onPreviewed: (response: TResponse, asOf: string) => void
  onRan: (response: TResponse) => void
  children?: ReactNode
}) => {
  const prompt = usePrompt()
  const [asOf, setAsOf] = useState(todayIso)

  const start = useMutation({
    mutationFn: (input: RunInput) => sdk.client.fetch<TResponse>(path, { method: "POST", body: input }),
    onError: (err: Error) => toast.error(err.message),
  })
  const valid = isIsoDate(asOf)

  const onPreview = () =>
    start.mutate({ as_of: asOf, dry_run: true }, { onSuccess: (response, input) => onPreviewed(response, input.as_of) })

  const onRun = async () => {
    const confirmed = await prompt({ ...confirm(asOf), cancelText: "Back", variant: "confirmation" })
    if (!confirmed) {
      return
    }
    start.mutate({ as_of: asOf, dry_run: false }, { onSuccess: (response) => onRan(response) })
  }

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
        <div>
          <Heading level="h2">{title}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {description}
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          <Label size="small" htmlFor={inputId}>
            As of
          </Label>
          <Input id={inputId} type="date" size="small" value={asOf} onChange={(event) => setAsOf(event.target.value)} />
          <Button
            size="small"
            variant="secondary"
            onClick={onPreview}
            disabled={!valid || start.isPending}
            isLoading={start.isPending && start.variables?.dry_run === true}
          >
            Preview
          </Button>
          <Button
            size="small"
            onClick={onRun}
            disabled={!valid || start.isPending}
            isLoading={start.isPending && start.variables?.dry_run === false}
          >
            {runLabel}
          </Button>
        </div>
      </div>
      {children}
    </Container>
  )
}
