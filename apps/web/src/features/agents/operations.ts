import { graphql } from "../../gql";

/** An agent as the list and the form show it. */
export const AgentFields = graphql(`
  fragment AgentFields on Agent {
    id
    login
    firstName
    lastName
    role
    valid
    lastLoginAt
    createdAt
  }
`);

export const AgentsListQuery = graphql(`
  query AgentsList {
    agents {
      ...AgentFields
    }
  }
`);

export const AgentQuery = graphql(`
  query Agent($id: ID!) {
    agent(id: $id) {
      ...AgentFields
    }
  }
`);

export const CreateAgentMutation = graphql(`
  mutation CreateAgent($input: AgentInput!) {
    createAgent(input: $input) {
      agent {
        ...AgentFields
      }
      generatedPassword
    }
  }
`);

export const UpdateAgentMutation = graphql(`
  mutation UpdateAgent($id: ID!, $input: AgentInput!) {
    updateAgent(id: $id, input: $input) {
      ...AgentFields
    }
  }
`);

export const SetAgentPasswordMutation = graphql(`
  mutation SetAgentPassword($id: ID!, $password: String!) {
    setAgentPassword(id: $id, password: $password)
  }
`);

export const ApiTokensQuery = graphql(`
  query ApiTokens {
    apiTokens {
      ...ApiTokenFields
    }
  }
`);

export const CreateApiTokenMutation = graphql(`
  mutation CreateApiToken($name: String!, $role: AgentRole!, $expiresAt: DateTime) {
    createApiToken(name: $name, role: $role, expiresAt: $expiresAt) {
      apiToken {
        ...ApiTokenFields
      }
      token
    }
  }
`);

export const RevokeApiTokenMutation = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
      revoked
    }
  }
`);
