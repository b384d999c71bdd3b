import { graphql } from "../../gql";

export const AgentsListQuery = graphql(`
  query AgentsList {
    agents {
      id
      login
      firstName
      lastName
      role
      valid
      lastLoginAt
    }
  }
`);

export const AgentQuery = graphql(`
  query Agent($id: ID!) {
    agent(id: $id) {
      id
      login
      firstName
      lastName
      role
      valid
      lastLoginAt
      createdAt
    }
  }
`);

export const CreateAgentMutation = graphql(`
  mutation CreateAgent($input: AgentInput!) {
    createAgent(input: $input) {
      agent {
        id
        login
        firstName
        lastName
        role
        valid
        lastLoginAt
        createdAt
      }
      generatedPassword
    }
  }
`);

export const UpdateAgentMutation = graphql(`
  mutation UpdateAgent($id: ID!, $input: AgentInput!) {
    updateAgent(id: $id, input: $input) {
      id
      login
      firstName
      lastName
      role
      valid
      lastLoginAt
      createdAt
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
      id
      name
      role
      agentLogin
      createdAt
      expiresAt
      lastUsedAt
      revoked
    }
  }
`);

export const CreateApiTokenMutation = graphql(`
  mutation CreateApiToken($name: String!, $role: AgentRole!, $expiresAt: DateTime) {
    createApiToken(name: $name, role: $role, expiresAt: $expiresAt) {
      apiToken {
        id
        name
        role
        agentLogin
        createdAt
        expiresAt
        lastUsedAt
        revoked
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
