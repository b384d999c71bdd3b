import { afterAll, beforeAll, expect, test } from "vitest";
import { ok, startTestServer, type TestServer } from "../helpers";

/** Nested lists return at most `limits.maxLimit` entries; here the limit is 2 and every set holds 3. */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ config: { backends: [{ module: "db" }], limits: { maxLimit: 2 } } });
  ok(await t.gql(`mutation { createCustomer(input: { customerId: "CAP", name: "Capped" }) { customerId } }`));
  for (const login of ["cap.a", "cap.b", "cap.c"]) {
    ok(
      await t.gql(
        `mutation($l: String!, $e: String!) { createCustomerUser(input: { login: $l, firstName: "C", lastName: "P",
          email: $e, customerId: "CAP", password: "Cap-secret-123" }) { customerUser { login } } }`,
        { l: login, e: `${login}@example.com` },
      ),
    );
  }
  const group = ok(
    await t.gql<{ createGroup: { id: string } }>(
      `mutation { createGroup(input: { name: "capped" }) { id } }`,
    ),
  ).createGroup.id;
  ok(
    await t.gql(
      `mutation($g: ID!) { setGroupCustomerUsers(groupId: $g, grants: [
        { login: "cap.a", permissions: [RO] }, { login: "cap.b", permissions: [RO] }, { login: "cap.c", permissions: [RO] }
      ]) { id } }`,
      { g: group },
    ),
  );
  const service = ok(
    await t.gql<{ createService: { id: string } }>(
      `mutation { createService(input: { name: "capped" }) { id } }`,
    ),
  ).createService.id;
  ok(
    await t.gql(
      `mutation($s: ID!) { setServiceCustomerUsers(serviceId: $s, logins: ["cap.a", "cap.b", "cap.c"]) { id } }`,
      { s: service },
    ),
  );
});
afterAll(async () => {
  await t?.close();
});

test("a customer's, a group's and a service's customer users stop at limits.maxLimit, in login order", async () => {
  const data = ok(
    await t.gql<{
      customer: { customerUsers: { login: string }[] };
      groups: { name: string; customerUsers: { customerUser: { login: string } }[] }[];
      services: { name: string; customerUsers: { login: string }[] }[];
    }>(`{ customer(customerId: "CAP") { customerUsers { login } }
          groups(search: "capped") { name customerUsers { customerUser { login } } }
          services(search: "capped") { name customerUsers { login } } }`),
  );
  expect(data.customer.customerUsers.map((u) => u.login)).toEqual(["cap.a", "cap.b"]);
  const group = data.groups.find((g) => g.name === "capped")!;
  expect(group.customerUsers).toHaveLength(2);
  const service = data.services.find((s) => s.name === "capped")!;
  expect(service.customerUsers).toHaveLength(2);
});
