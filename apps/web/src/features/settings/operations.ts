import { graphql } from "../../gql";

export const SettingsPageQuery = graphql(`
  query SettingsPage {
    settings {
      source
      customerPasswordCryptType
      customerGroupSupport
      customerGroupAlwaysGroups
      customerGroupCompanyAlwaysGroups
      customerGroupOtherCustomersContext
      defaultServicesMode
      dynamicFieldFromCustomerUser
      dynamicFieldFromCustomerUserMapping {
        attribute
        dynamicField
      }
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
      source
      customerPasswordCryptType
      customerGroupSupport
      customerGroupAlwaysGroups
      customerGroupCompanyAlwaysGroups
      customerGroupOtherCustomersContext
      defaultServicesMode
      dynamicFieldFromCustomerUser
      dynamicFieldFromCustomerUserMapping {
        attribute
        dynamicField
      }
    }
  }
`);
