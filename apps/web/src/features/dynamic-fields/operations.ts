import { graphql } from "../../gql";

/** A dynamic field as the list and the form show it. */
export const DynamicFieldFields = graphql(`
  fragment DynamicFieldFields on DynamicField {
    id
    name
    label
    fieldType
    objectType
    fieldOrder
    valid
    mapped
  }
`);

export const DynamicFieldsListQuery = graphql(`
  query DynamicFieldsList {
    dynamicFields {
      ...DynamicFieldFields
    }
  }
`);

export const CreateDynamicFieldMutation = graphql(`
  mutation CreateDynamicField($input: DynamicFieldInput!) {
    createDynamicField(input: $input) {
      ...DynamicFieldFields
    }
  }
`);

export const UpdateDynamicFieldMutation = graphql(`
  mutation UpdateDynamicField($id: ID!, $input: DynamicFieldInput!) {
    updateDynamicField(id: $id, input: $input) {
      ...DynamicFieldFields
    }
  }
`);
