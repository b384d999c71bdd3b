import { graphql } from "../../gql";

export const DynamicFieldsListQuery = graphql(`
  query DynamicFieldsList {
    dynamicFields {
      id
      name
      label
      fieldType
      objectType
      fieldOrder
      valid
      mapped
    }
  }
`);

export const CreateDynamicFieldMutation = graphql(`
  mutation CreateDynamicField($input: DynamicFieldInput!) {
    createDynamicField(input: $input) {
      id
      name
      label
      fieldType
      objectType
      fieldOrder
      valid
      mapped
    }
  }
`);

export const UpdateDynamicFieldMutation = graphql(`
  mutation UpdateDynamicField($id: ID!, $input: DynamicFieldInput!) {
    updateDynamicField(id: $id, input: $input) {
      id
      name
      label
      fieldType
      objectType
      fieldOrder
      valid
      mapped
    }
  }
`);
