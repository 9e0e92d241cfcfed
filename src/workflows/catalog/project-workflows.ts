import { createWorkflow, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { assertNotInUseStep } from "../common/assert-not-in-use"
import { assertReferencesStep } from "../common/assert-references"
import { createProjectsStep, deleteProjectsStep, updateProjectsStep } from "./records"
import { ProjectInput } from "./types"

export const createProjectWorkflowId = "billing-create-project"
export const createProjectWorkflow = createWorkflow(createProjectWorkflowId, (input: WorkflowData<ProjectInput>) => {
  const references = transform({ input }, ({ input }) => [
    { field: "sales_channel_id", entity: "sales_channel", id: input.sales_channel_id },
  ])
  assertReferencesStep(references)
  const rows = transform({ input }, ({ input }) => [input])
  const created = createProjectsStep(rows)
  return new WorkflowResponse(transform({ created }, ({ created }) => created[0]))
})

export const updateProjectWorkflowId = "billing-update-project"
export const updateProjectWorkflow = createWorkflow(
  updateProjectWorkflowId,
  (input: WorkflowData<Partial<ProjectInput> & { id: string }>) => {
    const references = transform({ input }, ({ input }) => [
      { field: "sales_channel_id", entity: "sales_channel", id: input.sales_channel_id },
    ])
    assertReferencesStep(references)
    const rows = transform({ input }, ({ input }) => [input])
    const updated = updateProjectsStep(rows)
    return new WorkflowResponse(transform({ updated }, ({ updated }) => updated[0]))
  }
)

export const deleteProjectWorkflowId = "billing-delete-project"
export const deleteProjectWorkflow = createWorkflow(deleteProjectWorkflowId, (input: WorkflowData<{ id: string }>) => {
  const checks = transform({ input }, ({ input }) => [
    { subject: `project "${input.id}"`, entity: "billing_article", field: "project_id", id: input.id, dependants: "articles" },
    { subject: `project "${input.id}"`, entity: "billing_contract", field: "project_id", id: input.id, dependants: "contracts" },
  ])
  assertNotInUseStep(checks)
  const ids = transform({ input }, ({ input }) => [input.id])
  deleteProjectsStep(ids)
  return new WorkflowResponse(input.id)
})
