import { createWorkflow, transform, WorkflowData, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { assertNotInUseStep } from "../common/assert-not-in-use"
import { assertReferencesStep } from "../common/assert-references"
import { createArticleGroupsStep, deleteArticleGroupsStep, updateArticleGroupsStep } from "./records"
import { ArticleGroupInput } from "./types"

const taxGroupReference = (input: Partial<ArticleGroupInput>) => [
  { field: "tax_group_id", entity: "billing_tax_group", id: input.tax_group_id },
]

export const createArticleGroupWorkflowId = "billing-create-article-group"
export const createArticleGroupWorkflow = createWorkflow(
  createArticleGroupWorkflowId,
  (input: WorkflowData<ArticleGroupInput>) => {
    assertReferencesStep(transform({ input }, ({ input }) => taxGroupReference(input)))
    const created = createArticleGroupsStep(transform({ input }, ({ input }) => [input]))
    return new WorkflowResponse(transform({ created }, ({ created }) => created[0]))
  }
)

export const updateArticleGroupWorkflowId = "billing-update-article-group"
export const updateArticleGroupWorkflow = createWorkflow(
  updateArticleGroupWorkflowId,
  (input: WorkflowData<Partial<ArticleGroupInput> & { id: string }>) => {
    assertReferencesStep(transform({ input }, ({ input }) => taxGroupReference(input)))
    const updated = updateArticleGroupsStep(transform({ input }, ({ input }) => [input]))
    return new WorkflowResponse(transform({ updated }, ({ updated }) => updated[0]))
  }
)

export const deleteArticleGroupWorkflowId = "billing-delete-article-group"
export const deleteArticleGroupWorkflow = createWorkflow(
  deleteArticleGroupWorkflowId,
  (input: WorkflowData<{ id: string }>) => {
    const checks = transform({ input }, ({ input }) => [
      { subject: `article group "${input.id}"`, entity: "billing_article", field: "article_group_id", id: input.id, dependants: "articles" },
    ])
    assertNotInUseStep(checks)
    deleteArticleGroupsStep(transform({ input }, ({ input }) => [input.id]))
    return new WorkflowResponse(input.id)
  }
)
