import { graphql } from "../../gql";

export const EffectivePermissionsQuery = graphql(`
  query EffectivePermissions($login: String!) {
    customerUser(login: $login) {
      login
      customerId
      customerIds
      valid
      effectivePermissions {
        group {
          id
          name
          valid
        }
        permissions
        via {
          via
          permission
          customerId
        }
      }
      services {
        id
      }
      effectiveServices {
        id
        name
        valid
      }
    }
    settings {
      customerGroupSupport
      defaultServicesMode
    }
  }
`);
