import { graphql } from "../../gql";

// One page more than shown tells whether older entries exist.
export const CustomerUserHistoryQuery = graphql(`
  query CustomerUserHistory($login: String!, $limit: Int!, $offset: Int!) {
    customerUser(login: $login) {
      login
      history(limit: $limit, offset: $offset) {
        ...HistoryEntryFields
      }
    }
  }
`);

export const CustomerHistoryQuery = graphql(`
  query CustomerHistory($customerId: String!, $limit: Int!, $offset: Int!) {
    customer(customerId: $customerId) {
      customerId
      history(limit: $limit, offset: $offset) {
        ...HistoryEntryFields
      }
    }
  }
`);

export const GroupHistoryQuery = graphql(`
  query GroupHistory($id: ID!, $limit: Int!, $offset: Int!) {
    group(id: $id) {
      id
      history(limit: $limit, offset: $offset) {
        ...HistoryEntryFields
      }
    }
  }
`);

export const ServiceHistoryQuery = graphql(`
  query ServiceHistory($id: ID!, $limit: Int!, $offset: Int!) {
    service(id: $id) {
      id
      history(limit: $limit, offset: $offset) {
        ...HistoryEntryFields
      }
    }
  }
`);
