import { describe, expect, test } from "vitest";
import { CustomerUserFields, CustomerUsersQuery } from "../features/customer-users/operations";
import { getFragmentData, makeFragmentData } from "../gql";
import { createApolloClient } from "./apollo";

/** A page of the customer-user list as the server answers it (every field of the fragment). */
function page(logins: string[], endCursor: string | null, hasNextPage: boolean) {
  return {
    customerUsers: {
      __typename: "CustomerUserSearchResult" as const,
      nodes: logins.map((login) =>
        makeFragmentData(
          {
            __typename: "CustomerUser" as const,
            login,
            source: "CustomerUser",
            readOnly: false,
            title: null,
            firstName: "F",
            lastName: login,
            fullName: `F ${login}`,
            email: `${login}@example.com`,
            customerId: "ACME",
            phone: null,
            fax: null,
            mobile: null,
            street: null,
            zip: null,
            city: null,
            country: null,
            comment: null,
            valid: "VALID" as const,
            attributes: [],
            changedAt: null,
          },
          CustomerUserFields,
        ),
      ),
      limit: 2,
      limitReached: hasNextPage,
      pageInfo: { __typename: "PageInfo" as const, endCursor, hasNextPage },
      unavailableSources: [],
    },
  };
}

describe("load more: the cache appends the page after a cursor to the list it continues", () => {
  test("a page with `after` is appended, a repeated one adds nothing, a request without `after` starts again", () => {
    const { cache } = createApolloClient(() => {});
    const write = (after: string | null, data: ReturnType<typeof page>) =>
      cache.writeQuery({ query: CustomerUsersQuery, variables: { search: "a*", after }, data });
    const read = () =>
      cache.readQuery({ query: CustomerUsersQuery, variables: { search: "a*" } })?.customerUsers;

    write(null, page(["ann", "arno"], "c1", true));
    write("c1", page(["axel", "ayla"], "c2", true));
    expect(read()?.nodes.map((n) => getFragmentData(CustomerUserFields, n).login)).toEqual([
      "ann",
      "arno",
      "axel",
      "ayla",
    ]);
    expect(read()?.pageInfo).toEqual({ __typename: "PageInfo", endCursor: "c2", hasNextPage: true });

    // The same page twice (a second click while the first was on its way) lists each user once.
    write("c1", page(["axel", "ayla"], "c2", true));
    write("c2", page(["azra"], "c3", false));
    expect(read()?.nodes.map((n) => getFragmentData(CustomerUserFields, n).login)).toEqual([
      "ann",
      "arno",
      "axel",
      "ayla",
      "azra",
    ]);
    expect(read()?.pageInfo.hasNextPage).toBe(false);

    // Another search is another list.
    cache.writeQuery({
      query: CustomerUsersQuery,
      variables: { search: "b*", after: null },
      data: page(["bea"], "d1", false),
    });
    expect(read()?.nodes).toHaveLength(5);

    // The first page again (a refetch): the list starts over.
    write(null, page(["ann", "arno"], "c1", true));
    expect(read()?.nodes.map((n) => getFragmentData(CustomerUserFields, n).login)).toEqual(["ann", "arno"]);
  });
});
