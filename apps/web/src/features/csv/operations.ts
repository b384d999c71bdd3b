import { graphql } from "../../gql";

export const ImportJobQuery = graphql(`
  query ImportJob($id: ID!) {
    importJob(id: $id) {
      id
      kind
      state
      total
      processed
      created
      updated
      errorCount
      lastLine
      generatedPasswords
      error
      errors {
        line
        column
        code
        message
      }
    }
  }
`);

export const CancelImportJobMutation = graphql(`
  mutation CancelImportJob($id: ID!) {
    cancelImportJob(id: $id) {
      id
      state
    }
  }
`);
