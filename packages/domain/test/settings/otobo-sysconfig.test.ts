import { afterAll, beforeAll, expect, test } from "vitest";
import { createClientele } from "../../src/clientele";
import { loadConfig } from "../../src/config/backends";
import { parseStoredValue } from "../../src/settings/otobo-sysconfig";
import { createOtoboSysconfig, createTestDatabase, type TestDatabase } from "../../src/testing";

const actor = { id: 1, login: "root@localhost" };
let database: TestDatabase;
let sysconfig: Awaited<ReturnType<typeof createOtoboSysconfig>>;

beforeAll(async () => {
  database = await createTestDatabase();
  sysconfig = await createOtoboSysconfig(database.db);
});
afterAll(async () => database?.drop());

const attached = () => createClientele({ database, config: loadConfig(undefined), mode: "attach" });

test("stored values are YAML dumps of the Perl value", () => {
  expect(parseStoredValue("--- '1'\n")).toBe("1");
  expect(parseStoredValue("---\n- users\n- stats\n")).toEqual(["users", "stats"]);
  expect(parseStoredValue("---\nUserLogin: CustomerLogin\n")).toEqual({ UserLogin: "CustomerLogin" });
  expect(parseStoredValue("--- ~\n")).toBeUndefined();
});

test("OTOBO's shipped defaults: support off, users always, same-customer context only, FALLBACK, sha2", async () => {
  await sysconfig.addDefault("CustomerGroupSupport", "--- '0'\n");
  await sysconfig.addDefault("CustomerGroupAlwaysGroups", "---\n- users\n");
  await sysconfig.addDefault("CustomerGroupCompanyAlwaysGroups", "---\n- users\n");
  await sysconfig.addDefault(
    "CustomerGroupPermissionContext###001-CustomerID-same",
    "---\nName: Same Customer\nValue: Ticket::CustomerID::Same\n",
  );
  await sysconfig.addDefault(
    "CustomerGroupPermissionContext###100-CustomerID-other",
    "---\nName: Other Customers\nValue: Ticket::CustomerID::Other\n",
    0,
  );
  await sysconfig.addDefault(
    "DynamicFieldFromCustomerUser::Mapping",
    "---\nUserFirstname: CustomerFirstname\nUserLastname: CustomerLastname\n",
    0,
  );
  await sysconfig.addDefault(
    "Ticket::EventModulePost###4100-DynamicFieldFromCustomerUser",
    "---\nEvent: (TicketCreate|TicketCustomerUpdate)\nModule: Kernel::System::Ticket::Event::DynamicFieldFromCustomerUser\n",
    0,
  );
  await sysconfig.addDefault("Customer::AuthModule::DB::CryptType", "--- sha2\n", 0);
  // A setting Clientele does not read is never picked up.
  await sysconfig.addDefault("Ticket::Hook", "--- Ticket#\n");

  const app = await attached();
  expect(app.settings.source).toBe("OTOBO_SYSCONFIG");
  expect(await app.settings.get()).toEqual({
    source: "OTOBO_SYSCONFIG",
    customerGroupSupport: false,
    customerGroupAlwaysGroups: ["users"],
    customerGroupCompanyAlwaysGroups: ["users"],
    customerGroupOtherCustomersContext: false,
    defaultServicesMode: "FALLBACK",
    dynamicFieldFromCustomerUser: false,
    dynamicFieldFromCustomerUserMapping: [],
    customerPasswordCryptType: "sha2",
  });
});

test("deployed modifications win over the defaults, including enabling a disabled setting", async () => {
  await sysconfig.modify("CustomerGroupSupport", "--- '1'\n");
  await sysconfig.modify("CustomerGroupAlwaysGroups", "---\n- users\n- stats\n");
  await sysconfig.modify(
    "CustomerGroupPermissionContext###100-CustomerID-other",
    "---\nName: Other Customers\nValue: Ticket::CustomerID::Other\n",
  );
  await sysconfig.modify(
    "DynamicFieldFromCustomerUser::Mapping",
    "---\nUserCustomerID: TicketCustomerID\nUserRoom: Room\n",
  );
  await sysconfig.modify(
    "Ticket::EventModulePost###4100-DynamicFieldFromCustomerUser",
    "---\nEvent: (TicketCreate|TicketCustomerUpdate)\nModule: Kernel::System::Ticket::Event::DynamicFieldFromCustomerUser\n",
  );
  await sysconfig.modify("Customer::AuthModule::DB::CryptType", "--- bcrypt\n");
  // Disabling a setting that is on by default removes it: no company always-groups at all.
  await sysconfig.modify("CustomerGroupCompanyAlwaysGroups", "---\n- users\n", { valid: 0 });

  const settings = await (await attached()).settings.get();
  expect(settings).toEqual({
    source: "OTOBO_SYSCONFIG",
    customerGroupSupport: true,
    customerGroupAlwaysGroups: ["users", "stats"],
    customerGroupCompanyAlwaysGroups: [],
    customerGroupOtherCustomersContext: true,
    defaultServicesMode: "FALLBACK",
    dynamicFieldFromCustomerUser: true,
    dynamicFieldFromCustomerUserMapping: [
      { attribute: "UserCustomerID", dynamicField: "TicketCustomerID" },
      { attribute: "UserRoom", dynamicField: "Room" },
    ],
    customerPasswordCryptType: "bcrypt",
  });
});

test("a modification not deployed yet does not count; the last deployed one still does", async () => {
  // Support: deployed '1' earlier (version history), now changed to '0' but not deployed.
  const database2 = await createTestDatabase();
  try {
    const sc = await createOtoboSysconfig(database2.db);
    await sc.addDefault("CustomerGroupSupport", "--- '0'\n");
    await sc.addDefault("CustomerGroupAlwaysGroups", "---\n- users\n");
    await sc.addDefault("Customer::AuthModule::DB::CryptType", "--- sha2\n", 0);
    await sc.addVersion("CustomerGroupSupport", "--- '1'\n");
    await sc.modify("CustomerGroupSupport", "--- '0'\n", { dirty: 1 });
    // Never deployed at all: the default stays.
    await sc.modify("CustomerGroupAlwaysGroups", "---\n- admin\n", { dirty: 1 });
    // A modification of one agent (user_id set) is not the system's value.
    await sc.modify("Customer::AuthModule::DB::CryptType", "--- md5\n", { userId: 3 });
    const app = await createClientele({ database: database2, config: loadConfig(undefined), mode: "attach" });
    expect(await app.settings.get()).toMatchObject({
      customerGroupSupport: true,
      customerGroupAlwaysGroups: ["users"],
      customerPasswordCryptType: "sha2",
    });
  } finally {
    await database2.drop();
  }
});

test("updateSettings in attach mode: PRECONDITION_FAILED, nothing written", async () => {
  const app = await attached();
  const before = await app.settings.get();
  await expect(app.settings.update(actor, { customerGroupSupport: false })).rejects.toMatchObject({
    code: "PRECONDITION_FAILED",
    message: "OTOBO owns this setting; change it in OTOBO's System Configuration.",
  });
  expect(await app.settings.get()).toEqual(before);
  expect(await app.audit.list("settings", "settings")).toEqual([]);
});

test("the permission and service rules follow the sysconfig values", async () => {
  const app = await attached();
  await app.customers.create({ customerId: "acme", name: "Acme Inc.", valid: 1 }, actor);
  await app.customerUsers.create(
    {
      login: "ann",
      firstName: "Ann",
      lastName: "Lee",
      email: "ann@acme.test",
      customerId: "acme",
      password: "correct horse battery",
      valid: 1,
    },
    actor,
  );
  const ann = await app.customerUsers.get("ann");
  if (!ann) throw new Error("ann was not created");
  // Support on (deployed modification): only the always-groups users and stats.
  const groups = (await app.permissions.effectiveFor(ann)).map((e) => e.group.name).sort();
  expect(groups).toEqual(["stats", "users"]);
});

test("standalone mode keeps Clientele's own table", async () => {
  const app = await createClientele({ database, config: loadConfig(undefined) });
  expect(app.settings.source).toBe("CLIENTELE");
  expect(await app.settings.get()).toMatchObject({ source: "CLIENTELE", customerPasswordCryptType: null });
});

test("an attached database without OTOBO's sysconfig tables: PRECONDITION_FAILED naming them", async () => {
  const bare = await createTestDatabase();
  try {
    const app = await createClientele({ database: bare, config: loadConfig(undefined), mode: "attach" });
    await expect(app.settings.get()).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("sysconfig_default"),
    });
  } finally {
    await bare.drop();
  }
});
