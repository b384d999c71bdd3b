import type { ApolloClient } from "@apollo/client";
import { appendNodes } from "../../app/apollo";
import { graphql } from "../../gql/frame";
import type { CustomerUsersQuery as CustomerUsersResult } from "../../gql/frame/graphql";

/**
 * The customer-user list: what its columns can show (every typed field a map may list, and the
 * custom attributes, e.g. UserRoom, by name) and no more; a user's form reads the whole record
 * (`CustomerUserFields`).
 * Generated with the frame's operations (see `codegen.ts`): the start chunk asks for it before the
 * list's own chunk has arrived, without the table of every screen's operations.
 */
export const CustomerUsersQuery = graphql(`
  query CustomerUsers($search: String, $after: String) {
    customerUsers(search: $search, after: $after) {
      nodes {
        login
        source
        title
        firstName
        lastName
        email
        customerId
        phone
        fax
        mobile
        street
        zip
        city
        country
        comment
        valid
        attributes(custom: true) {
          attribute
          value
        }
      }
      limit
      limitReached
      pageInfo {
        endCursor
        hasNextPage
      }
      unavailableSources
    }
  }
`);

/**
 * The backends as the list needs them: which columns to offer (each map's listed fields) and whether
 * any is writable. Beside the list (not `SourcesQuery`), so the list's chunk does without the table
 * of every screen's operations.
 */
export const CustomerUserListSourcesQuery = graphql(`
  query CustomerUserListSources {
    customerUserSources {
      id
      name
      readOnly
      fields {
        attribute
        label
        shownInList
      }
    }
  }
`);

/** Whether there is any customer at all: without one, a customer user cannot be added (list and form). */
export const AnyCustomerQuery = graphql(`
  query AnyCustomer {
    customers(limit: 1) {
      nodes {
        customerId
      }
    }
  }
`);

export type CustomerUserRow = CustomerUsersResult["customerUsers"]["nodes"][number];

/** The list query's variables for a search term (`?search=`); the list and its prefetch must agree. */
export function customerUsersVariables(search: string): { search: string | null } {
  return { search: search || null };
}

/**
 * Asks for the list at `url` and for its columns (the backends) while the session is still being
 * checked (see `app/prefetch.ts`): the list screen's own request, moments later, receives the list's
 * answer, and the backends are in the cache when the screen first renders.
 */
export function prefetchCustomerUsers(client: ApolloClient, url: URL): void {
  client.query({ query: CustomerUserListSourcesQuery }).catch(() => {});
  client
    .query({
      query: CustomerUsersQuery,
      variables: customerUsersVariables(url.searchParams.get("search") ?? ""),
      fetchPolicy: "no-cache",
      errorPolicy: "all",
      context: { prefetch: true, queryDeduplication: false },
    })
    .catch(() => {});
}

/**
 * "Load more" on the list: the page after the cursor is appended to the pages shown. The list is
 * read with `fetchPolicy: "no-cache"` (writing 1000 users into the normalised cache and reading them
 * back cost more than the rest of the first render together), so the field policy in `app/apollo.ts`
 * does not see its pages; `fetchMore` hands them to this function instead.
 */
export function appendCustomerUsersPage(
  previous: CustomerUsersResult | undefined,
  { fetchMoreResult }: { fetchMoreResult: CustomerUsersResult },
): CustomerUsersResult {
  return {
    ...fetchMoreResult,
    customerUsers: appendNodes(previous?.customerUsers, fetchMoreResult.customerUsers, (u) => u.login),
  };
}
