import { graphql } from "../../gql";

/** The customer user as its form shows it (the list reads less: `list-query.ts`). */
export const CustomerUserFields = graphql(`
  fragment CustomerUserFields on CustomerUser {
    login
    source
    readOnly
    title
    firstName
    lastName
    fullName
    email
    customerId
    phone
    fax
    mobile
    street
    zip
    city
    country
    comment
    valid
    attributes {
      attribute
      label
      value
    }
    changedAt
  }
`);

export const CustomerUserQuery = graphql(`
  query CustomerUser($login: String!) {
    customerUser(login: $login) {
      ...CustomerUserFields
    }
  }
`);

export const CustomerOptionsQuery = graphql(`
  query CustomerOptions($search: String) {
    customers(search: $search, limit: 20) {
      nodes {
        customerId
        name
        valid
      }
    }
  }
`);

export const CreateCustomerUserMutation = graphql(`
  mutation CreateCustomerUser($input: CustomerUserInput!, $source: String) {
    createCustomerUser(input: $input, source: $source) {
      customerUser {
        login
        ...CustomerUserFields
      }
      generatedPassword
    }
  }
`);

export const UpdateCustomerUserMutation = graphql(`
  mutation UpdateCustomerUser($login: String!, $input: CustomerUserInput!, $expectedChangedAt: DateTime) {
    updateCustomerUser(login: $login, input: $input, expectedChangedAt: $expectedChangedAt) {
      ...CustomerUserFields
    }
  }
`);

/** What the preferences section reads of a customer user; its query and its save's answer spread it. */
export const CustomerUserPreferencesFields = graphql(`
  fragment CustomerUserPreferencesFields on CustomerUser {
    login
    preferences {
      key
      value
    }
  }
`);

export const CustomerUserPreferencesQuery = graphql(`
  query CustomerUserPreferences($login: String!) {
    customerUser(login: $login) {
      ...CustomerUserPreferencesFields
    }
  }
`);

export const SetCustomerUsersValidMutation = graphql(`
  mutation SetCustomerUsersValid($logins: [String!]!, $valid: ValidState!) {
    setCustomerUsersValid(logins: $logins, valid: $valid) {
      requested
      changed
    }
  }
`);

export const SetCustomerUserPreferencesMutation = graphql(`
  mutation SetCustomerUserPreferences($login: String!, $preferences: [PreferenceInput!]!) {
    setCustomerUserPreferences(login: $login, preferences: $preferences) {
      ...CustomerUserPreferencesFields
    }
  }
`);

export const AddCustomerUsersToGroupMutation = graphql(`
  mutation AddCustomerUsersToGroup($groupId: ID!, $logins: [String!]!, $permissions: [GroupPermission!]!) {
    addCustomerUsersToGroup(groupId: $groupId, logins: $logins, permissions: $permissions) {
      requested
      changed
    }
  }
`);

export const AddCustomerUsersToCustomerMutation = graphql(`
  mutation AddCustomerUsersToCustomer($customerId: String!, $logins: [String!]!) {
    addCustomerUsersToCustomer(customerId: $customerId, logins: $logins) {
      requested
      changed
    }
  }
`);
