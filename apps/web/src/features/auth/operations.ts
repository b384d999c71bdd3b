import { graphql } from "../../gql/frame";

export const MeQuery = graphql(`
  query Me {
    me {
      id
      login
      role
    }
  }
`);

export const LoginMutation = graphql(`
  mutation Login($login: String!, $password: String!) {
    login(login: $login, password: $password) {
      id
      login
      role
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);
