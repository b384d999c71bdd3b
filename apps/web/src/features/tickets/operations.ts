import { graphql } from "../../gql";

export const TicketsListQuery = graphql(`
  query TicketsList($search: String, $limit: Int) {
    settings {
      source
    }
    ticketSearch(search: $search, limit: $limit) {
      limit
      limitReached
      nodes {
        id
        number
        title
        customerUserLogin
        customerId
        open
      }
    }
  }
`);

export const TicketQuery = graphql(`
  query Ticket($id: ID!) {
    ticket(id: $id) {
      id
      number
      title
      customerUserLogin
      customerId
      open
      dynamicFields {
        name
        label
        value
        mapped
      }
      history {
        id
        type
        name
        createdAt
      }
    }
  }
`);

export const TicketFieldsQuery = graphql(`
  query TicketFields {
    dynamicFields {
      id
      name
      label
      objectType
      valid
      mapped
    }
  }
`);

export const CustomerUserOptionsQuery = graphql(`
  query CustomerUserOptions($search: String) {
    customerUsers(search: $search, limit: 20) {
      nodes {
        login
        fullName
        customerId
      }
    }
  }
`);

export const CreateTicketMutation = graphql(`
  mutation CreateTicket($input: TicketInput!) {
    createTicket(input: $input) {
      id
      number
      title
    }
  }
`);

export const SetTicketCustomerUserMutation = graphql(`
  mutation SetTicketCustomerUser($ticketId: ID!, $login: String!) {
    setTicketCustomerUser(ticketId: $ticketId, customerUserLogin: $login) {
      id
      customerUserLogin
      customerId
    }
  }
`);

export const SetTicketDynamicFieldsMutation = graphql(`
  mutation SetTicketDynamicFields($ticketId: ID!, $values: [DynamicFieldValueInput!]!) {
    setTicketDynamicFields(ticketId: $ticketId, values: $values) {
      id
    }
  }
`);

export const DynamicFieldPreviewQuery = graphql(`
  query DynamicFieldPreview($login: String!) {
    dynamicFieldValues(login: $login) {
      name
      value
    }
    settings {
      dynamicFieldFromCustomerUser
    }
  }
`);

export const BackfillJobsQuery = graphql(`
  query BackfillJobs {
    dynamicFieldBackfillJobs {
      ...BackfillJobFields
    }
  }
`);

export const StartBackfillMutation = graphql(`
  mutation StartBackfill($scope: BackfillScopeInput!) {
    startDynamicFieldBackfill(scope: $scope) {
      ...BackfillJobFields
    }
  }
`);

export const CancelBackfillMutation = graphql(`
  mutation CancelBackfill($id: ID!) {
    cancelDynamicFieldBackfill(id: $id) {
      id
      state
    }
  }
`);

export const ResumeBackfillMutation = graphql(`
  mutation ResumeBackfill($id: ID!) {
    resumeDynamicFieldBackfill(id: $id) {
      id
      state
    }
  }
`);
