export const articleGroupFields = ["id", "code", "name", "tax_group.id", "tax_group.code", "tax_group.name", "tax_group.kind", "created_at", "updated_at"]

export const retrieveArticleGroupConfig = { defaults: articleGroupFields, isList: false }
export const listArticleGroupsConfig = { defaults: articleGroupFields, isList: true, defaultLimit: 20 }
