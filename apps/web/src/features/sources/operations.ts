import { graphql } from "../../gql";

/** Backends and their field maps; the customer-user list and form are built from these. */
export const SourcesQuery = graphql(`
  query Sources {
    customerUserSources {
      id
      name
      module
      directoryType
      readOnly
      searchListLimit
      searchIndexes {
        complete
        missing
      }
      fields {
        attribute
        label
        required
        readOnly
        shownInList
        storage
        searchable
      }
    }
  }
`);

export const SourcesHealthQuery = graphql(`
  query SourcesHealth {
    customerUserSources {
      id
      status {
        ok
        message
        checkedAt
      }
    }
  }
`);
