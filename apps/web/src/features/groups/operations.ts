import { graphql } from "../../gql";

/** A group as its list, its form and the assignment pickers show it. */
export const GroupFields = graphql(`
  fragment GroupFields on Group {
    id
    name
    comment
    valid
  }
`);

export const GroupsListQuery = graphql(`
  query GroupsList {
    groups {
      ...GroupFields
    }
  }
`);

export const GroupQuery = graphql(`
  query Group($id: ID!) {
    group(id: $id) {
      ...GroupFields
    }
  }
`);

export const CreateGroupMutation = graphql(`
  mutation CreateGroup($input: GroupInput!) {
    createGroup(input: $input) {
      ...GroupFields
    }
  }
`);

export const UpdateGroupMutation = graphql(`
  mutation UpdateGroup($id: ID!, $input: GroupInput!) {
    updateGroup(id: $id, input: $input) {
      ...GroupFields
    }
  }
`);
