import { expect, test } from "../fixtures/test";

test("GET /graphql in a browser opens the bundled playground, which runs queries with the session", async ({
  admin,
}) => {
  const requests: string[] = [];
  admin.on("request", (r) => requests.push(r.url()));
  await admin.goto("/graphql");
  const run = admin.getByRole("button", { name: /Execute query/i });
  // The playground is one large script (GraphiQL and its editor): on a loaded machine compiling it
  // takes longer than the default wait for a condition.
  await expect(run).toBeVisible({ timeout: 30_000 });
  // A click before GraphiQL has set up its query editor is ignored (seen on a loaded machine: no
  // request followed it), so click until the query is sent.
  await expect(async () => {
    const sent = admin.waitForRequest(
      (r) => r.method() === "POST" && (r.postData() ?? "").includes("query CustomerUsers"),
      { timeout: 5_000 },
    );
    await run.click();
    await sent;
  }).toPass({ timeout: 60_000 });
  await expect(admin.getByText('"customerUsers"').first()).toBeVisible({ timeout: 30_000 });
  // Served locally: nothing is fetched from another origin.
  expect(requests.filter((url) => !url.startsWith("http://127.0.0.1"))).toEqual([]);
});
