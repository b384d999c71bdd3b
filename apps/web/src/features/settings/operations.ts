import { graphql } from "../../gql";

export const SettingsPageQuery = graphql(`
  query SettingsPage {
    settings {
      ...SettingsFields
    }
    groups {
      id
      name
      valid
    }
    dynamicFields {
      id
      name
      label
      objectType
      valid
    }
    dynamicFieldMappableAttributes {
      attribute
      label
      origin
    }
  }
`);

export const UpdateSettingsMutation = graphql(`
  mutation UpdateSettings($input: SettingsInput!) {
    updateSettings(input: $input) {
      ...SettingsFields
    }
  }
`);
