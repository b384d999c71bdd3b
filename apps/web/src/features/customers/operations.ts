import { graphql } from "../../gql";

/** The customer as its form and the list show it. */
export const CustomerFields = graphql(`
  fragment CustomerFields on Customer {
    customerId
    name
    street
    zip
    city
    country
    url
    comment
    valid
    changedAt
  }
`);

export const CustomersQuery = graphql(`
  query Customers($search: String, $after: String) {
    customers(search: $search, after: $after) {
      nodes {
        ...CustomerFields
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

export const CustomerQuery = graphql(`
  query Customer($customerId: String!) {
    customer(customerId: $customerId) {
      customerId
      changedAt
      ...CustomerFields
      customerUsers {
        login
        fullName
        email
        customerId
        valid
      }
    }
  }
`);

export const CreateCustomerMutation = graphql(`
  mutation CreateCustomer($input: CustomerInput!) {
    createCustomer(input: $input) {
      customerId
      ...CustomerFields
    }
  }
`);

export const UpdateCustomerMutation = graphql(`
  mutation UpdateCustomer($customerId: String!, $input: CustomerInput!, $expectedChangedAt: DateTime) {
    updateCustomer(customerId: $customerId, input: $input, expectedChangedAt: $expectedChangedAt) {
      ...CustomerFields
    }
  }
`);
