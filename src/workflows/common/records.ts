import { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/**
 * The catalog and contract modules expose the CRUD methods MedusaService generates
 * (`createProjects`, `updateProjects`, `softDeleteProjects`, `restoreProjects`, `listProjects`).
 * These step factories give every such entity one create/update/delete step with compensation,
 * instead of a hand-written copy per entity.
 */
type Row = { id: string } & Record<string, unknown>
type AnyService = Record<string, (...args: any[]) => Promise<any>>

export interface RecordTarget {
  module: string
  /** The model's key in MedusaService, plural: "Projects", "PriceVariants". */
  plural: string
}

function service(container: MedusaContainer, target: RecordTarget): AnyService {
  return container.resolve<AnyService>(target.module)
}

export function createRecordsStep<TInput extends object>(stepId: string, target: RecordTarget) {
  return createStep(
    stepId,
    async (input: TInput[], { container }) => {
      const created: Row[] = input.length
        ? await service(container, target)[`create${target.plural}`](input)
        : []
      return new StepResponse(
        created,
        created.map((row) => row.id)
      )
    },
    async (createdIds, { container }) => {
      if (!createdIds?.length) {
        return
      }
      await service(container, target)[`delete${target.plural}`](createdIds)
    }
  )
}

/** Updates rows by id; the compensation writes back the previous values of exactly the fields it changed. */
export function updateRecordsStep<TInput extends { id: string }>(stepId: string, target: RecordTarget) {
  return createStep(
    stepId,
    async (input: TInput[], { container }) => {
      if (!input.length) {
        return new StepResponse([] as Row[], [] as Row[])
      }
      const svc = service(container, target)
      const fields = [...new Set(input.flatMap((row) => Object.keys(row)))]
      const previous: Row[] = await svc[`list${target.plural}`](
        { id: input.map((row) => row.id) },
        { select: fields }
      )
      const updated: Row[] = await svc[`update${target.plural}`](input)
      const restore = previous.map((row) => {
        const changed = input.find((i) => i.id === row.id) ?? {}
        return Object.fromEntries(
          Object.keys(changed).map((key) => [key, row[key]])
        ) as Row
      })
      return new StepResponse(updated, restore)
    },
    async (restore, { container }) => {
      if (!restore?.length) {
        return
      }
      await service(container, target)[`update${target.plural}`](restore)
    }
  )
}

export function softDeleteRecordsStep(stepId: string, target: RecordTarget) {
  return createStep(
    stepId,
    async (ids: string[], { container }) => {
      if (ids.length) {
        await service(container, target)[`softDelete${target.plural}`](ids)
      }
      return new StepResponse(ids, ids)
    },
    async (ids, { container }) => {
      if (!ids?.length) {
        return
      }
      await service(container, target)[`restore${target.plural}`](ids)
    }
  )
}
