import { graphql } from "../../gql";

// The lists both sides pick from. Customer users and customers are searched on the server a page at a
// time, the next page fetched after the last one's cursor; groups and services are small and loaded whole.
export const PickCustomerUsersQuery = graphql(`
  query PickCustomerUsers($search: String, $first: Int, $after: String) {
    customerUsers(search: $search, first: $first, after: $after) {
      nodes {
        ...AssignmentUserFields
      }
      limit
      limitReached
      pageInfo {
        endCursor
        hasNextPage
      }
      unavailableSources
    }
  }
`);

export const PickCustomersQuery = graphql(`
  query PickCustomers($search: String, $first: Int, $after: String) {
    customers(search: $search, first: $first, after: $after) {
      nodes {
        ...AssignmentCustomerFields
      }
      limit
      limitReached
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const PickGroupsQuery = graphql(`
  query PickGroups {
    groups {
      ...GroupFields
    }
  }
`);

export const PickServicesQuery = graphql(`
  query PickServices {
    services {
      ...ServiceFields
    }
  }
`);

export const GroupSupportQuery = graphql(`
  query GroupSupport {
    settings {
      customerGroupSupport
      customerGroupOtherCustomersContext
    }
  }
`);

// Customer users ↔ customers
export const CustomerUserCustomersQuery = graphql(`
  query CustomerUserCustomers($login: String!) {
    customerUser(login: $login) {
      login
      fullName
      customerId
      customers {
        ...AssignmentCustomerFields
      }
    }
  }
`);

export const SetCustomerUserCustomersMutation = graphql(`
  mutation SetCustomerUserCustomers($login: String!, $customerIds: [String!]!) {
    setCustomerUserCustomers(login: $login, customerIds: $customerIds) {
      login
      customerIds
      customers {
        ...AssignmentCustomerFields
      }
    }
  }
`);

export const CustomerCustomerUsersQuery = graphql(`
  query CustomerCustomerUsers($customerId: String!) {
    customer(customerId: $customerId) {
      customerId
      name
      customerUsers {
        ...AssignmentUserFields
      }
    }
  }
`);

export const SetCustomerCustomerUsersMutation = graphql(`
  mutation SetCustomerCustomerUsers($customerId: String!, $logins: [String!]!) {
    setCustomerCustomerUsers(customerId: $customerId, logins: $logins) {
      customerId
    }
  }
`);

// Customer users ↔ groups
export const CustomerUserGroupsQuery = graphql(`
  query CustomerUserGroups($login: String!) {
    customerUser(login: $login) {
      login
      fullName
      customerId
      groups {
        ...UserGroupGrantFields
      }
      effectivePermissions {
        group {
          id
        }
        via {
          via
          permission
          customerId
        }
      }
    }
  }
`);

export const SetCustomerUserGroupsMutation = graphql(`
  mutation SetCustomerUserGroups($login: String!, $grants: [GroupGrantInput!]!) {
    setCustomerUserGroups(login: $login, grants: $grants) {
      login
      groups {
        ...UserGroupGrantFields
      }
    }
  }
`);

export const GroupCustomerUsersQuery = graphql(`
  query GroupCustomerUsers($id: ID!) {
    group(id: $id) {
      id
      name
      valid
      customerUsers {
        customerUser {
          ...AssignmentUserFields
        }
        permissions
      }
    }
  }
`);

export const SetGroupCustomerUsersMutation = graphql(`
  mutation SetGroupCustomerUsers($groupId: ID!, $grants: [CustomerUserGrantInput!]!) {
    setGroupCustomerUsers(groupId: $groupId, grants: $grants) {
      id
    }
  }
`);

// Customers ↔ groups
export const CustomerGroupsQuery = graphql(`
  query CustomerGroups($customerId: String!) {
    customer(customerId: $customerId) {
      customerId
      name
      groups {
        ...CustomerGroupGrantFields
      }
    }
  }
`);

export const SetCustomerGroupsMutation = graphql(`
  mutation SetCustomerGroups($customerId: String!, $grants: [GroupGrantInput!]!) {
    setCustomerGroups(customerId: $customerId, grants: $grants) {
      customerId
      groups {
        ...CustomerGroupGrantFields
      }
    }
  }
`);

export const GroupCustomersQuery = graphql(`
  query GroupCustomers($id: ID!) {
    group(id: $id) {
      id
      name
      valid
      customers {
        customer {
          ...AssignmentCustomerFields
        }
        permissions
        context
      }
    }
  }
`);

export const SetGroupCustomersMutation = graphql(`
  mutation SetGroupCustomers($groupId: ID!, $grants: [CustomerGrantInput!]!) {
    setGroupCustomers(groupId: $groupId, grants: $grants) {
      id
    }
  }
`);

// Customer users ↔ services
export const CustomerUserServicesQuery = graphql(`
  query CustomerUserServices($login: String!) {
    customerUser(login: $login) {
      login
      fullName
      customerId
      services {
        id
      }
    }
  }
`);

export const SetCustomerUserServicesMutation = graphql(`
  mutation SetCustomerUserServices($login: String!, $serviceIds: [ID!]!) {
    setCustomerUserServices(login: $login, serviceIds: $serviceIds) {
      login
      services {
        id
      }
      effectiveServices {
        id
        name
      }
    }
  }
`);

export const ServiceCustomerUsersQuery = graphql(`
  query ServiceCustomerUsers($id: ID!) {
    service(id: $id) {
      id
      name
      valid
      customerUsers {
        ...AssignmentUserFields
      }
    }
  }
`);

export const SetServiceCustomerUsersMutation = graphql(`
  mutation SetServiceCustomerUsers($serviceId: ID!, $logins: [String!]!) {
    setServiceCustomerUsers(serviceId: $serviceId, logins: $logins) {
      id
    }
  }
`);

export const EnableGroupSupportMutation = graphql(`
  mutation EnableGroupSupport {
    updateSettings(input: { customerGroupSupport: true }) {
      customerGroupSupport
    }
  }
`);

/** Who has RO / RW on a group at all (direct, via a customer, always-groups), for the notes beside the boxes. */
export const GroupEffectiveMembersQuery = graphql(`
  query GroupEffectiveMembers($id: ID!) {
    group(id: $id) {
      id
      ro: effectiveCustomerUsers(permission: RO) {
        everyone
        customerUsers {
          login
        }
      }
      rw: effectiveCustomerUsers(permission: RW) {
        everyone
        customerUsers {
          login
        }
      }
    }
  }
`);
