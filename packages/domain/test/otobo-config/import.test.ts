import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseConfig } from "../../src/config/backends";
import { importOtoboConfig } from "../../src/config/otobo-import";

const fixture = (name: string) => readFileSync(join(import.meta.dirname, name), "utf8");
const problemKeys = (r: ReturnType<typeof importOtoboConfig>) => r.problems.map((p) => p.key);

test("DB backend with a custom map (UserRoom), limits, prefixes and CacheTTL arithmetic", () => {
  const result = importOtoboConfig(fixture("db-custom-map.Config.pm"));
  expect(result.invalid).toBeNull();
  const config = parseConfig(result.config);
  expect(config.backends).toHaveLength(1);
  const [db] = config.backends;
  expect(db).toMatchObject({
    id: "CustomerUser",
    module: "db",
    name: "Database Backend",
    params: { table: "customer_user" },
    customerKey: "login",
    customerId: "customer_id",
    customerValid: "valid_id",
    customerUserListFields: ["first_name", "last_name", "room", "email"],
    customerUserSearchFields: ["login", "first_name", "last_name", "customer_id", "room"],
    searchPrefix: "*",
    searchSuffix: "*",
    searchListLimit: 2500,
    searchCaseSensitive: false,
    cacheTtl: 86400,
    readOnly: false,
    emailUniqueCheck: true,
  });
  expect(db!.map.find((r) => r.attribute === "UserRoom")).toEqual({
    attribute: "UserRoom",
    label: "Room",
    storage: "room",
    shown: 1,
    required: false,
    type: "var",
    httpLink: "",
    readOnly: false,
  });
  expect(db!.map.find((r) => r.attribute === "ValidID")?.type).toBe("int");
  // The commented-out LDAP example is not read; Selections has no counterpart.
  expect(problemKeys(result)).toEqual(["CustomerUser.Selections"]);
  // Map rows are written as OTOBO's one-line arrays, and the YAML reads back to the same config.
  expect(result.yaml).toContain('- [ UserRoom, Room, room, 1, 0, var, "", 0 ]');
  expect(parseConfig(parseYaml(result.yaml))).toEqual(config);
});

test("LDAP backend (Params, AlwaysFilter, GroupDN, Net::LDAP port/scheme/timeout) before a DB backend", () => {
  const result = importOtoboConfig(fixture("ldap-and-db.Config.pm"));
  expect(result.invalid).toBeNull();
  const config = parseConfig(result.config);
  // Slot order, not file order: CustomerUser before CustomerUser1.
  expect(config.backends.map((b) => [b.id, b.module])).toEqual([
    ["CustomerUser", "ldap"],
    ["CustomerUser1", "db"],
  ]);
  const [ldap, db] = config.backends;
  expect(ldap).toMatchObject({
    name: "Corporate directory",
    customerKey: "uid",
    customerId: "departmentNumber",
    searchPrefix: "",
    searchListLimit: 500,
    cacheTtl: 300,
    readOnly: true,
    params: {
      url: "ldaps://ldap.example.com:636",
      baseDn: "ou=people,dc=example,dc=com",
      scope: "sub",
      bindDn: "cn=otobo,ou=services,dc=example,dc=com",
      bindPassword: "bind-secret",
      alwaysFilter: "(objectClass=inetOrgPerson)",
      groupDn: "cn=otobo-customers,ou=groups,dc=example,dc=com",
      validFilter: "(!(description=locked))",
      timeoutMs: 10000,
      sourceCharset: "utf-8",
    },
  });
  expect(ldap!.map.map((r) => r.storage)).toContain("departmentNumber");
  // The later `$Self->{CustomerUser1}->{ReadOnly} = 1;` applies; the dynamic-field row is left out.
  expect(db).toMatchObject({ name: "Local contacts", readOnly: true, params: { table: "customer_user" } });
  expect(db!.map.map((r) => r.attribute)).not.toContain("UserBirthday");
  expect(problemKeys(result)).toEqual([
    "CustomerUser.Params.Params.async",
    "CustomerUser.Params.Die",
    "CustomerUser.AdminSetPreferences",
    "CustomerUser1.Params.DSN",
    "CustomerUser1.Params.User",
    "CustomerUser1.Params.Password",
    "CustomerUser1.AutoLoginCreation",
    "CustomerUser1.Map.UserBirthday",
    "CustomerCompany.Name",
    "CustomerCompany.CustomerCompanyListFields",
    "CustomerCompany.CustomerCompanySearchFields",
    "CustomerCompany.CacheTTL",
    "CustomerCompany.Map.CustomerCompanyRegion",
    "CustomerCompany1",
  ]);
  // Every problem says why, and none repeats a password.
  for (const p of result.problems) {
    expect(p.reason.length).toBeGreaterThan(10);
    expect(p.reason).not.toMatch(/secret/);
  }
});

test("what cannot be translated is named with why; a result that would not start is flagged", () => {
  const result = importOtoboConfig(fixture("untranslatable.Config.pm"));
  const reasons = Object.fromEntries(result.problems.map((p) => [p.key, p.reason]));
  expect(reasons["CustomerUser.Params.Host"]).toMatch(/Perl code \(\$LdapHost\)/);
  expect(reasons["CustomerUser.Params.SSCOPE"]).toMatch(/"sub" or "one"/);
  expect(reasons["CustomerUser.Params.UserAttr"]).toMatch(/member DNs/);
  expect(reasons["CustomerUser.Params.Params.raw"]).toMatch(/Net::LDAP option/);
  expect(reasons["CustomerUser.CacheTTL"]).toMatch(/\$Self->\{SomeTTL\}/);
  expect(reasons["CustomerUser2.Module"]).toMatch(/HTTPBasicAuth is not a backend Clientele has/);
  expect(reasons["CustomerUser3.Params.ForeignDB"]).toMatch(/create_time/);
  expect(reasons["CustomerUser3.CustomerUserSearchListLimit"]).toMatch(/whole number/);
  expect(reasons["CustomerUser3.Map.UserFancy"]).toMatch(/left out/);
  expect(reasons["CustomerUser3.Map.UserLogin[8..9]"]).toMatch(/link target/);
  // The LDAP backend has no host, so the file would not start Clientele.
  expect(result.invalid).toMatch(/backends\[0\]\.params\.url/);
  expect(result.config.backends.map((b) => b.id)).toEqual(["CustomerUser", "CustomerUser3"]);
});

test("a password written as code is reported without its text", () => {
  const result = importOtoboConfig(`
$Self->{CustomerUser} = {
  Module => 'Kernel::System::CustomerUser::LDAP',
  Params => { Host => 'ldap://h', BaseDN => 'dc=x', UserDN => 'cn=a', UserPw => 'top' . $Suffix },
};`);
  const problem = result.problems.find((p) => p.key === "CustomerUser.Params.UserPw");
  expect(problem?.reason).toBe("is Perl code that cannot be read as a string");
  expect(JSON.stringify(result.problems)).not.toContain("top");
});

test("a file without customer-user backends says so", () => {
  const result = importOtoboConfig(`$Self->{DatabaseHost} = 'localhost';`);
  expect(result.problems).toEqual([
    { key: "CustomerUser", reason: "no customer-user backend was found in the file" },
  ]);
  expect(result.invalid).toMatch(/at least one backend/);
});

test("CaseSensitive is read where SearchCaseSensitive is not given, in both backends", () => {
  const result = importOtoboConfig(`
$Self->{CustomerUser} = {
  Module => 'Kernel::System::CustomerUser::DB',
  Params => { Table => 'customer_user', CaseSensitive => 1 },
};
$Self->{CustomerUser1} = {
  Module => 'Kernel::System::CustomerUser::DB',
  Params => { Table => 'customer_user', CaseSensitive => 1, SearchCaseSensitive => 0 },
};
$Self->{CustomerUser2} = {
  Module => 'Kernel::System::CustomerUser::LDAP',
  Params => { Host => 'ldap://h', BaseDN => 'dc=x', SearchCaseSensitive => 0, CaseSensitive => 1 },
};
$Self->{CustomerUser3} = {
  Module => 'Kernel::System::CustomerUser::LDAP',
  Params => { Host => 'ldap://h', BaseDN => 'dc=x', CaseSensitive => 1 },
};`);
  expect(result.config.backends.map((b) => [b.id, b.searchCaseSensitive])).toEqual([
    ["CustomerUser", true],
    ["CustomerUser1", false],
    ["CustomerUser2", false],
    ["CustomerUser3", true],
  ]);
});

test("keys named like properties of every object are unknown keys, not settings", () => {
  const result = importOtoboConfig(`
$Self->{CustomerUser} = {
  Module => 'Kernel::System::CustomerUser::DB',
  Name => 'Database',
  constructor => 'x',
  toString => 'y',
  Params => { Table => 'customer_user' },
};`);
  expect(result.config.backends.map((b) => b.name)).toEqual(["Database"]);
  expect(JSON.stringify(result.config.backends[0])).not.toMatch(/"x"|"y"/);
  const reasons = Object.fromEntries(result.problems.map((p) => [p.key, p.reason]));
  expect(reasons["CustomerUser.constructor"]).toBe("is unknown to Clientele");
  expect(reasons["CustomerUser.toString"]).toBe("is unknown to Clientele");
});
