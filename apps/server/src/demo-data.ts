import { type Actor, type Clientele, createdBy } from "@clientele/domain";
import {
  groupCustomer,
  groupCustomerUser,
  groupsTable,
  service,
  serviceCustomerUser,
} from "@clientele/domain/schema";

const CUSTOMERS = [
  {
    customerId: "ACME",
    name: "Acme Corporation",
    street: "1 Road Runner Way",
    zip: "85001",
    city: "Phoenix",
    country: "United States",
    url: "https://acme.example",
  },
  {
    customerId: "GLOBEX",
    name: "Globex Ltd",
    street: "12 Cypress Creek",
    zip: "97035",
    city: "Portland",
    country: "United States",
    url: "https://globex.example",
  },
  {
    customerId: "INITECH",
    name: "Initech GmbH",
    street: "Hauptstraße 5",
    zip: "10115",
    city: "Berlin",
    country: "Germany",
    url: "https://initech.example",
  },
  {
    customerId: "UMBRELLA",
    name: "Umbrella B.V.",
    street: "Keizersgracht 100",
    zip: "1015 CX",
    city: "Amsterdam",
    country: "Netherlands",
    url: "https://umbrella.example",
  },
  {
    customerId: "STARK",
    name: "Stark Industries",
    street: "10880 Malibu Point",
    zip: "90265",
    city: "Malibu",
    country: "United States",
    url: "https://stark.example",
  },
];

const FIRST = [
  "Anna",
  "Bram",
  "Chloé",
  "Daan",
  "Eva",
  "Finn",
  "Greta",
  "Hugo",
  "Iris",
  "Jan",
  "Katrin",
  "Lars",
  "Mila",
  "Noah",
  "Olga",
  "Pieter",
  "Quinn",
  "Rosa",
  "Sven",
  "Tess",
  "Umut",
  "Vera",
  "Willem",
  "Xenia",
  "Yusuf",
];
const LAST = [
  "de Vries",
  "Müller",
  "Jansen",
  "Schmidt",
  "Bakker",
  "Novak",
  "Smit",
  "Weber",
  "Visser",
  "Okafor",
];

/** Loads a small realistic data set into an empty database; returns false when data is already there. */
export async function loadDemoData(clientele: Clientele): Promise<boolean> {
  if (await clientele.customers.exists()) return false;
  const existingUsers = await clientele.customerUsers.search({ limit: 1 });
  if (existingUsers.nodes.length > 0) return false;
  const actor: Actor = { id: 1, login: "root@localhost", role: "ADMIN" };
  for (const customer of CUSTOMERS) await clientele.customers.create({ ...customer, valid: 1 }, actor);
  for (let i = 0; i < 50; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const customer = CUSTOMERS[i % CUSTOMERS.length]!;
    const login = `${first}.${last}`
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z.]/g, "");
    await clientele.customerUsers.create(
      {
        login: `${login}${i >= FIRST.length ? i : ""}`,
        password: "demo-password",
        title: i % 3 === 0 ? "Dr." : null,
        firstName: first,
        lastName: last,
        email: `${login}${i}@${customer.customerId.toLowerCase()}.example`,
        customerId: customer.customerId,
        phone: `+31 20 555 ${String(1000 + i)}`,
        city: customer.city,
        country: customer.country,
        valid: i % 17 === 16 ? 2 : 1,
      },
      actor,
    );
  }
  const db = clientele.db;
  const by = createdBy(actor.id);
  const at = { createBy: actor.id, createTime: by.createTime };
  const groups = await db
    .insert(groupsTable)
    .values([
      { name: "support", comments: "Customers who may open support tickets.", validId: 1, ...by },
      { name: "billing", comments: "Access to invoices and billing questions.", validId: 1, ...by },
      { name: "partners", comments: "Partner portal.", validId: 1, ...by },
    ])
    .returning({ id: groupsTable.id, name: groupsTable.name });
  const services = await db
    .insert(service)
    .values([
      { name: "Email", comments: "Mailboxes and distribution lists.", validId: 1, ...by },
      { name: "VPN", comments: "Remote access.", validId: 1, ...by },
      { name: "Printing", comments: "Printers and scanning.", validId: 1, ...by },
      { name: "Hardware", comments: "Laptops and phones.", validId: 1, ...by },
    ])
    .returning({ id: service.id, name: service.name });
  const support = groups.find((g) => g.name === "support")!.id;
  const billing = groups.find((g) => g.name === "billing")!.id;
  await db.insert(groupCustomer).values([
    {
      customerId: "ACME",
      groupId: support,
      permissionKey: "rw",
      permissionValue: 1,
      permissionContext: "Ticket::CustomerID::Same",
      ...by,
    },
    {
      customerId: "GLOBEX",
      groupId: support,
      permissionKey: "ro",
      permissionValue: 1,
      permissionContext: "Ticket::CustomerID::Same",
      ...by,
    },
  ]);
  await db
    .insert(groupCustomerUser)
    .values([{ userId: "anna.devries", groupId: billing, permissionKey: "rw", permissionValue: 1, ...by }]);
  await db.insert(serviceCustomerUser).values([
    { customerUserLogin: "<DEFAULT>", serviceId: services.find((s) => s.name === "Email")!.id, ...at },
    { customerUserLogin: "anna.devries", serviceId: services.find((s) => s.name === "VPN")!.id, ...at },
  ]);
  return true;
}
