export const taxGroupFields = [
  "id",
  "code",
  "name",
  "kind",
  "country_code",
  "legal_note",
  "rates.id",
  "rates.rate",
  "rates.valid_from",
  "created_at",
  "updated_at",
]

export const retrieveTaxGroupConfig = { defaults: taxGroupFields, isList: false }
export const listTaxGroupsConfig = { defaults: taxGroupFields, isList: true, defaultLimit: 20 }
