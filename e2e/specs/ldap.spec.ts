import { graphql } from "../fixtures/graphql-client";
import { DIRECTORY_USERS, directoryServer, fillDirectory, LDAP_SOURCE, LDAP_URL } from "../fixtures/ldap";
import { expect, test } from "../fixtures/test";
import { makeUiData } from "../fixtures/ui-data";
import { adminApi } from "../pages/assignment-screen";
import { CustomerUserForm } from "../pages/customer-user-form";
import { CustomerUsersPage } from "../pages/customer-users-page";
import { SourcesPage } from "../pages/sources-page";

// Fills the run's directory (the empty-start checks use a server without it), stops it for a while and
// starts it again. A database user of its own shows both sources in one list.
test.describe
  .serial("an LDAP directory as a second, read-only source", () => {
    let dbUser = "";

    test.beforeAll(async ({ browser }) => {
      await fillDirectory();
      const { api, close } = await adminApi(browser);
      dbUser = (await makeUiData(api, "dir")).login;
      await close();
    });
    test.afterAll(async () => {
      await (await directoryServer()).start();
    });

    test("the list shows directory users next to database users, with their source", async ({ admin }) => {
      const list = new CustomerUsersPage(admin);
      await list.goto("ldap-");
      await expect(list.count).toHaveText(`${DIRECTORY_USERS.length} customer users found`);
      await expect.poll(() => list.logins()).toEqual(DIRECTORY_USERS.map((u) => u.uid));
      await expect(list.row("ldap-anna")).toContainText(LDAP_SOURCE.name);
      await expect(list.row("ldap-bernd")).toContainText("Ölschläger");
      // Outside the directory's validFilter: listed, but as invalid.
      await expect(list.row("ldap-carla")).toHaveClass(/row-muted/);

      // One list for both sources: a database user and a directory user found by one search.
      await list.searchFor(`${dbUser} OR lindqvist`);
      await expect(list.count).toHaveText("2 customer users found");
      await expect.poll(() => list.logins()).toEqual(["ldap-anna", dbUser]);
      await expect(list.row(dbUser)).toContainText("Database Backend");
    });

    test("a directory user opens read-only", async ({ admin }) => {
      const list = new CustomerUsersPage(admin);
      await list.goto("ldap-anna");
      await list.open("ldap-anna");
      await expect(admin).toHaveURL(/\/customer-users\/ldap-anna$/);
      await expect(admin.getByRole("note")).toContainText(`read-only source “${LDAP_SOURCE.name}”`);
      const form = new CustomerUserForm(admin);
      await expect(form.field("First name")).toHaveValue("Anna");
      await expect(form.field("First name")).toBeDisabled();
      await expect(form.field("Email")).toHaveValue("anna.lindqvist@directory.example");
      await expect(form.save).toHaveCount(0);
    });

    test("with the directory down, the Sources page and the list say so; started again, all is back", async ({
      admin,
    }) => {
      const sources = new SourcesPage(admin);
      await sources.goto();
      await expect(sources.heading).toBeVisible();
      await expect(sources.reachable(LDAP_SOURCE.name)).toBeVisible();
      await expect(sources.reachable("Database Backend")).toBeVisible();
      await expect(sources.directoryType(LDAP_SOURCE.name)).toHaveText("OpenLDAP / generic LDAP");
      await expect(sources.directoryType("Database Backend")).toHaveCount(0);

      await (await directoryServer()).stop();
      await admin.reload();
      await expect(sources.unreachable(LDAP_SOURCE.name)).toContainText("unreachable");
      await expect(sources.unreachable(LDAP_SOURCE.name)).toContainText(`connection refused by ${LDAP_URL}`);
      await expect(sources.reachable("Database Backend")).toBeVisible();

      const list = new CustomerUsersPage(admin);
      await list.goto("ldap-");
      await expect(admin.getByRole("alert").filter({ hasText: LDAP_SOURCE.id })).toBeVisible();

      // The API answers with the database's users and a SOURCE_UNAVAILABLE error beside them.
      const partial = await graphql<{
        customerUsers: { nodes: { login: string; source: string }[]; unavailableSources: string[] };
      }>(
        admin.request,
        `query($s: String) { customerUsers(search: $s) { nodes { login source } unavailableSources } }`,
        { s: `${dbUser} OR ldap-` },
      );
      expect(partial.data?.customerUsers.nodes).toEqual([{ login: dbUser, source: "CustomerUser" }]);
      expect(partial.data?.customerUsers.unavailableSources).toEqual([LDAP_SOURCE.id]);
      expect(partial.errors?.map((e) => e.extensions?.code)).toEqual(["SOURCE_UNAVAILABLE"]);
      // The screen lists the database's users too, not only the warning.
      await list.goto(`${dbUser} OR ldap-`);
      await expect(admin.getByRole("alert").filter({ hasText: LDAP_SOURCE.id })).toBeVisible();
      await expect.poll(() => list.logins()).toEqual([dbUser]);

      await (await directoryServer()).start();
      await sources.goto();
      await expect(sources.reachable(LDAP_SOURCE.name)).toBeVisible();
      await list.goto("ldap-");
      await expect(list.count).toHaveText(`${DIRECTORY_USERS.length} customer users found`);
    });
  });
