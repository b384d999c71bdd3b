import { ApolloClient, ApolloLink, InMemoryCache } from "@apollo/client";
import { of } from "rxjs";
import { describe, expect, test } from "vitest";
import { appendCustomerUsersPage, CustomerUsersQuery } from "../features/customer-users/list-query";
import { createApolloClient } from "./apollo";

/** A page of the customer-user list as the server answers it (every field the list asks for). */
function page(logins: string[], endCursor: string | null, hasNextPage: boolean) {
  return {
    customerUsers: {
      __typename: "CustomerUserSearchResult" as const,
      nodes: logins.map((login) => ({
        __typename: "CustomerUser" as const,
        login,
        source: "CustomerUser",
        title: null,
        firstName: "F",
        lastName: login,
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
      })),
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
    expect(read()?.nodes.map((n) => n.login)).toEqual(["ann", "arno", "axel", "ayla"]);
    expect(read()?.pageInfo).toEqual({ __typename: "PageInfo", endCursor: "c2", hasNextPage: true });

    // The same page twice (a second click while the first was on its way) lists each user once.
    write("c1", page(["axel", "ayla"], "c2", true));
    write("c2", page(["azra"], "c3", false));
    expect(read()?.nodes.map((n) => n.login)).toEqual(["ann", "arno", "axel", "ayla", "azra"]);
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
    expect(read()?.nodes.map((n) => n.login)).toEqual(["ann", "arno"]);
  });
});

describe("load more on the customer-user list, which keeps its pages out of the cache", () => {
  const logins = (data: ReturnType<typeof page> | undefined) => data?.customerUsers.nodes.map((n) => n.login);

  test("fetchMore appends the next page to the list shown; the first page again starts over", async () => {
    const pages: Record<string, ReturnType<typeof page>> = {
      "": page(["ann", "arno"], "c1", true),
      c1: page(["arno", "axel"], "c2", true),
      c2: page(["ayla"], null, false),
    };
    const sent: (string | null)[] = [];
    const client = new ApolloClient({
      link: new ApolloLink((operation) => {
        const after = (operation.variables.after as string | undefined) ?? null;
        sent.push(after);
        return of({ data: pages[after ?? ""] });
      }),
      cache: new InMemoryCache(),
    });
    const list = client.watchQuery({
      query: CustomerUsersQuery,
      variables: { search: "a*" },
      fetchPolicy: "no-cache",
    });
    const shown: (string[] | undefined)[] = [];
    const subscription = list.subscribe((result) => {
      if (result.data) shown.push(logins(result.data as ReturnType<typeof page>));
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(shown.at(-1)).toEqual(["ann", "arno"]);

    await list.fetchMore({ variables: { after: "c1" }, updateQuery: appendCustomerUsersPage });
    // "arno" came again (the list moved on the server): listed once.
    expect(shown.at(-1)).toEqual(["ann", "arno", "axel"]);
    expect(list.getCurrentResult().data?.customerUsers?.pageInfo).toEqual({
      __typename: "PageInfo",
      endCursor: "c2",
      hasNextPage: true,
    });

    await list.fetchMore({ variables: { after: "c2" }, updateQuery: appendCustomerUsersPage });
    expect(shown.at(-1)).toEqual(["ann", "arno", "axel", "ayla"]);
    expect(list.getCurrentResult().data?.customerUsers?.pageInfo?.hasNextPage).toBe(false);

    // A refetch (e.g. after a bulk action) shows the first page again.
    await list.refetch();
    expect(shown.at(-1)).toEqual(["ann", "arno"]);
    expect(sent).toEqual([null, "c1", "c2", null]);
    // Nothing of the list went into the normalised cache.
    expect(client.cache.extract()).toEqual({});
    subscription.unsubscribe();
  });
});
