import { graphql } from "../../gql";

export const ExportCustomerUserDataQuery = graphql(`
  query ExportCustomerUserData($login: String!) {
    exportCustomerUserData(login: $login)
  }
`);

export const AnonymiseCustomerUserMutation = graphql(`
  mutation AnonymiseCustomerUser($login: String!) {
    anonymiseCustomerUser(login: $login) {
      login
    }
  }
`);
