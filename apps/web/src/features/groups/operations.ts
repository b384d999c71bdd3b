import { graphql } from "../../gql";

export const GroupsListQuery = graphql(`
  query GroupsList {
    groups {
      id
      name
      comment
      valid
    }
  }
`);

export const GroupQuery = graphql(`
  query Group($id: ID!) {
    group(id: $id) {
      id
      name
      comment
      valid
    }
  }
`);

export const CreateGroupMutation = graphql(`
  mutation CreateGroup($input: GroupInput!) {
    createGroup(input: $input) {
      id
      name
      comment
      valid
    }
  }
`);

export const UpdateGroupMutation = graphql(`
  mutation UpdateGroup($id: ID!, $input: GroupInput!) {
    updateGroup(id: $id, input: $input) {
      id
      name
      comment
      valid
    }
  }
`);
