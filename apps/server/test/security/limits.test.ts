import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ok, startTestServer, type TestServer } from "../helpers";

let t: TestServer;
/** Limits from the configuration file: lists without `limit` counted as 1 item, 2 aliases, a 10 kB body. */
let configured: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  configured = await startTestServer({
    config: { backends: [{ module: "db" }], limits: { listSize: 1, aliases: 2, bodyBytes: 10_240 } },
  });
});
afterAll(async () => {
  await t?.close();
  await configured?.close();
});

async function refused(query: string, variables?: Record<string, unknown>, signedIn = false) {
  const response = signedIn
    ? { status: 0, body: await t.gql(query, variables) }
    : await t.raw(query, variables);
  const error = response.body.errors?.[0];
  return {
    status: response.status,
    code: error?.extensions?.code,
    limit: error?.extensions?.limit,
    error,
    data: response.body.data,
  };
}

describe("request limits (API.md §Limits)", () => {
  it("refuses an alias bomb of __typename before anything runs, even anonymously", async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(" ");
    const result = await refused(`{ ${aliases} }`);
    expect(result).toMatchObject({ status: 400, code: "QUERY_TOO_COMPLEX", limit: "aliases" });
    const allowed = Array.from({ length: 30 }, (_, i) => `a${i}: __typename`).join(" ");
    expect(ok(await t.gql(`{ ${allowed} }`))).toMatchObject({ a29: "Query" });
  });

  it("refuses a document over the token limit (the 1.9 MB alias bomb) while parsing", async () => {
    const aliases = Array.from({ length: 110_000 }, (_, i) => `a${i}:__typename`).join(" ");
    const result = await refused(`{${aliases}}`);
    expect(result).toMatchObject({ status: 400, code: "QUERY_TOO_COMPLEX", limit: "tokens" });
  });

  it("refuses a query nested deeper than 12 levels and accepts 12", async () => {
    // customerUser, then `levels` alternating customer / customerUsers, then a scalar leaf.
    const chain = (levels: number): string => {
      let selection = levels % 2 ? "customerId" : "login";
      for (let i = levels; i >= 1; i--)
        selection = `${i % 2 ? "customer" : "customerUsers"} { ${selection} }`;
      return `{ customerUser(login: "x") { ${selection} } }`;
    };
    const result = await refused(chain(11), undefined, true);
    expect(result).toMatchObject({ status: 0, code: "QUERY_TOO_COMPLEX", limit: "depth" });
    expect(ok(await t.gql(chain(10)))).toEqual({ customerUser: null });
  });

  it("refuses a flood of directives", async () => {
    const directives = Array.from({ length: 11 }, () => "@include(if: true)").join(" ");
    const result = await refused(`{ version ${directives} }`, undefined, true);
    expect(result).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "directives" });
  });

  it("refuses a request whose lists multiply past the cost limit, with the variables counted", async () => {
    const query = `query($n: Int) { customers(limit: $n) { nodes { customerUsers { customers { customerId } } } } }`;
    const result = await refused(query, { n: 10_000 }, true);
    expect(result).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "cost" });
    expect(ok(await t.gql(query, { n: 2 }))).toEqual({ customers: { nodes: [] } });
  });

  it("takes every limit from the `limits:` section of the configuration file", async () => {
    expect(ok(await configured.gql("{ a: version b: version }"))).toEqual({
      a: expect.any(String),
      b: expect.any(String),
    });
    const aliases = await configured.gql("{ a: version b: version c: version }");
    expect(aliases.errors?.[0]?.extensions).toEqual({ code: "QUERY_TOO_COMPLEX", limit: "aliases" });
    const big = await configured.raw("{ version }", { pad: "x".repeat(11_000) });
    expect(big.status).toBe(413);
    expect(big.body.errors?.[0]?.extensions).toEqual({ code: "QUERY_TOO_COMPLEX", limit: "body" });
  });

  it("refuses a body over 2 MB with JSON, not an HTML page", async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ version }", variables: { pad: "x".repeat(2 * 1024 * 1024 + 10) } }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
    expect(body.errors[0]?.extensions).toEqual({ code: "QUERY_TOO_COMPLEX", limit: "body" });
  });

  it("shows the schema to signed-in agents only and never suggests field names", async () => {
    const anonymous = await refused("{ __schema { queryType { name } } }");
    expect(anonymous).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
    const hidden = await refused('{ __type(name: "Customer") { name } }');
    expect(hidden.code).toBe("UNAUTHENTICATED");
    expect(ok(await t.gql("{ __schema { queryType { name } } }"))).toEqual({
      __schema: { queryType: { name: "Query" } },
    });
    const typo = await refused("{ custmers { nodes { customerId } } }");
    expect(typo.error?.message).not.toMatch(/Did you mean/i);
    const typoSignedIn = await refused("{ custmers { nodes { customerId } } }", undefined, true);
    expect(typoSignedIn.error?.message).not.toMatch(/Did you mean/i);
    const enumLiteral = await refused("{ customers(valid: VALD) { limit } }", undefined, true);
    expect(enumLiteral.error?.message).not.toMatch(/Did you mean/i);
    const enumVariable = await refused(
      "query($v: ValidState) { customers(valid: $v) { limit } }",
      { v: "VALD" },
      true,
    );
    expect(enumVariable.code).toBe("BAD_USER_INPUT");
    expect(enumVariable.error?.message).not.toMatch(/Did you mean/i);
    const inputField = await refused(
      'mutation { createCustomer(input: { customerI: "x" }) { name } }',
      undefined,
      true,
    );
    expect(inputField.error?.message).not.toMatch(/Did you mean/i);
  });
});
