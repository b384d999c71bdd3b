import { expect, test } from "../fixtures/test";

test("GET /graphql in a browser opens the bundled playground, which runs queries with the session", async ({
  admin,
}) => {
  const requests: string[] = [];
  admin.on("request", (r) => requests.push(r.url()));
  await admin.goto("/graphql");
  const run = admin.getByRole("button", { name: /Execute query/i });
  await expect(run).toBeVisible();
  await run.click();
  await expect(admin.getByText('"customerUsers"').first()).toBeVisible();
  // Served locally: nothing is fetched from another origin.
  expect(requests.filter((url) => !url.startsWith("http://127.0.0.1"))).toEqual([]);
});
