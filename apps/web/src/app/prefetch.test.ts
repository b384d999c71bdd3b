import { ApolloClient, ApolloLink, InMemoryCache } from "@apollo/client";
import { Observable } from "rxjs";
import { describe, expect, test } from "vitest";
import { MeQuery as ListQuery, LogoutMutation as SaveMutation } from "../features/auth/operations";
import { createPrefetchLink, PREFETCH_WAIT_MS, type StartedRequest } from "./prefetch";

/** A client whose server answers each request after `release()`, counting what reached it. */
function setup(
  answer: (n: number) => ApolloLink.Result = (n) => ({ data: { me: me(n) } }),
  started: StartedRequest[] = [],
) {
  let clock = 0;
  const sent: string[] = [];
  const waiting: (() => void)[] = [];
  const server = new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        sent.push(`${operation.operationName} ${JSON.stringify(operation.variables)}`);
        const n = sent.length;
        waiting.push(() => {
          observer.next(answer(n));
          observer.complete();
        });
      }),
  );
  const client = new ApolloClient({
    link: ApolloLink.from([createPrefetchLink(() => clock, { at: 0, requests: started }), server]),
    cache: new InMemoryCache(),
  });
  const release = async () => {
    for (const go of waiting.splice(0)) go();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const prefetch = (variables = {}) =>
    client.query({
      query: ListQuery,
      variables,
      fetchPolicy: "no-cache",
      errorPolicy: "all",
      context: { prefetch: true, queryDeduplication: false },
    });
  const ask = (variables = {}) =>
    client.query({ query: ListQuery, variables, fetchPolicy: "no-cache", errorPolicy: "all" });
  return { client, sent, release, prefetch, ask, advance: (ms: number) => (clock += ms) };
}

function me(n: number) {
  return { __typename: "Agent" as const, id: String(n), login: `answer${n}`, role: "ADMIN" as const };
}

describe("prefetch link: the start screen's data is asked for before the screen renders", () => {
  test("the screen's identical request gets the answer fetched ahead, once", async () => {
    const { sent, release, prefetch, ask } = setup();
    void prefetch();
    await release();
    expect((await ask()).data?.me?.login).toBe("answer1");
    expect(sent).toHaveLength(1);
    // Handed out once: the next request (a refetch, a later visit) goes to the server.
    const again = ask();
    await release();
    expect((await again).data?.me?.login).toBe("answer2");
    expect(sent).toHaveLength(2);
  });

  test("a request made while the answer is on its way waits for it instead of asking again", async () => {
    const { sent, release, prefetch, ask } = setup();
    void prefetch();
    const screen = ask();
    await release();
    expect((await screen).data?.me?.login).toBe("answer1");
    expect(sent).toHaveLength(1);
  });

  test("other variables, a late request and any write go to the server", async () => {
    const other = setup();
    void other.prefetch({ search: "a*" });
    await other.release();
    const differs = other.ask({ search: "b*" });
    await other.release();
    expect((await differs).data?.me?.login).toBe("answer2");

    const late = setup();
    void late.prefetch();
    await late.release();
    late.advance(PREFETCH_WAIT_MS + 1);
    const stale = late.ask();
    await late.release();
    expect((await stale).data?.me?.login).toBe("answer2");

    const written = setup((n) => (n === 2 ? { data: { logout: true } } : { data: { me: me(n) } }));
    void written.prefetch();
    await written.release();
    const save = written.client.mutate({ mutation: SaveMutation });
    await written.release();
    await save;
    const afterSave = written.ask();
    await written.release();
    expect((await afterSave).data?.me?.login).toBe("answer3");
    expect(written.sent).toHaveLength(3);
  });

  test("an answer with errors is not kept: the screen asks for itself", async () => {
    const { sent, release, prefetch, ask } = setup((n) =>
      n === 1 ? { data: { me: null }, errors: [{ message: "down" }] } : { data: { me: me(n) } },
    );
    void prefetch();
    await release();
    const screen = ask();
    await release();
    expect((await screen).data?.me?.login).toBe("answer2");
    expect(sent).toHaveLength(2);
  });
});

describe("prefetch link: requests the start script in index.html sent before the app loaded", () => {
  /** A request as the start script records it, answered when `answer` is called. */
  function startedRequest(variables: Record<string, unknown> = {}) {
    let answer: (body: unknown) => void = () => {};
    const request: StartedRequest = {
      operationName: "Me",
      variables,
      answer: new Promise((resolve) => {
        answer = resolve;
      }),
    };
    return { request, answer: (body: unknown) => answer(body) };
  }

  test("the screen's identical request waits for the started answer and sends nothing, once", async () => {
    const start = startedRequest();
    const { sent, release, ask } = setup(undefined, [start.request]);
    const screen = ask();
    start.answer({ data: { me: me(0) } });
    expect((await screen).data?.me?.login).toBe("answer0");
    expect(sent).toHaveLength(0);
    const again = ask();
    await release();
    expect((await again).data?.me?.login).toBe("answer1");
    expect(sent).toHaveLength(1);
  });

  test("a prefetch of a started request sends nothing more and passes the answer on", async () => {
    const start = startedRequest();
    const { sent, prefetch, ask } = setup(undefined, [start.request]);
    void prefetch();
    start.answer({ data: { me: me(0) } });
    expect((await ask()).data?.me?.login).toBe("answer0");
    expect(sent).toHaveLength(0);
  });

  test("a failed request, an answer with errors, other variables or a late screen go to the server", async () => {
    for (const body of [null, { data: { me: null }, errors: [{ message: "UNAUTHENTICATED" }] }]) {
      // Asked while the answer was on its way, and after it came.
      const start = startedRequest();
      const { sent, release, ask } = setup(undefined, [start.request]);
      const waiting = ask();
      start.answer(body);
      await new Promise((resolve) => setTimeout(resolve, 0));
      await release();
      expect((await waiting).data?.me?.login).toBe("answer1");
      const after = ask();
      await release();
      expect((await after).data?.me?.login).toBe("answer2");
      expect(sent).toHaveLength(2);
    }

    const other = startedRequest({ search: "a*" });
    const differs = setup(undefined, [other.request]);
    other.answer({ data: { me: me(0) } });
    const asked = differs.ask({ search: "b*" });
    await differs.release();
    expect((await asked).data?.me?.login).toBe("answer1");

    const late = startedRequest();
    const slow = setup(undefined, [late.request]);
    late.answer({ data: { me: me(0) } });
    slow.advance(PREFETCH_WAIT_MS + 1);
    const stale = slow.ask();
    await slow.release();
    expect((await stale).data?.me?.login).toBe("answer1");
  });

  test("a write drops the started answer", async () => {
    const start = startedRequest();
    const { sent, client, release, ask } = setup(
      (n) => (n === 1 ? { data: { logout: true } } : { data: { me: me(n) } }),
      [start.request],
    );
    start.answer({ data: { me: me(0) } });
    const save = client.mutate({ mutation: SaveMutation });
    await release();
    await save;
    const afterSave = ask();
    await release();
    expect((await afterSave).data?.me?.login).toBe("answer2");
    expect(sent).toHaveLength(2);
  });
});
