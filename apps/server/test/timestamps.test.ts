/**
 * OTOBO's `timestamp` columns hold UTC, and every time the API gives is that instant, whatever the
 * server's time zone (packages/domain/src/db/timestamps.ts). This file runs the server in New York
 * time: read as local time, a create time would be five hours off. Vitest runs each test file in a
 * process of its own, so the zone set here stays here. What Clientele writes is UTC too, whatever
 * PostgreSQL's own timezone setting (packages/domain/test/session-settings.test.ts).
 */
process.env.TZ = "America/New_York";

import { afterAll, beforeAll, expect, test } from "vitest";
import { ok, startTestServer, type TestServer } from "./helpers";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

/** An ISO time within a minute of `around` (OTOBO's columns keep whole seconds). */
const near = (around: number) => ({
  asymmetricMatch: (value: unknown) =>
    typeof value === "string" && Math.abs(Date.parse(value) - around) < 60_000,
  toString: () => `a time within a minute of ${new Date(around).toISOString()}`,
});

test("create and change times are the real instant in a server outside UTC", async () => {
  expect(new Date(Date.UTC(2026, 0, 1)).getHours()).toBe(19); // the zone above is in force
  const now = Date.now();
  const customer = ok(
    await t.gql<{ createCustomer: Record<string, string> }>(
      `mutation { createCustomer(input: { customerId: "TZ", name: "Time Zone Inc." }) { createdAt changedAt } }`,
    ),
  ).createCustomer;
  ok(
    await t.gql(
      `mutation { createCustomerUser(input: { login: "tz.user", firstName: "Tia", lastName: "Zone",
        email: "tz.user@example.com", customerId: "TZ" }) { customerUser { login } } }`,
    ),
  );
  const read = ok(
    await t.gql<{
      customerUser: Record<string, string>;
      customerUsers: { nodes: Array<Record<string, string | Record<string, string>>> };
      customerUsersByEmail: Array<Record<string, string>>;
    }>(`{
      customerUser(login: "tz.user") { createdAt changedAt }
      customerUsers(search: "tz.user") { nodes { createdAt changedAt customer { createdAt changedAt } } }
      customerUsersByEmail(email: "tz.user@example.com") { createdAt }
    }`),
  );
  const times = [
    customer.createdAt,
    customer.changedAt,
    read.customerUser.createdAt,
    read.customerUser.changedAt,
    read.customerUsers.nodes[0]!.createdAt,
    read.customerUsers.nodes[0]!.changedAt,
    (read.customerUsers.nodes[0]!.customer as Record<string, string>).createdAt,
    read.customerUsersByEmail[0]!.createdAt,
  ];
  for (const time of times) expect(time).toEqual(near(now));
});
