/**
 * The left navigation, grouped like OTOBO's admin overview. Screens are added here as they are built:
 * one entry per screen, `labelKey` pointing into the locale files.
 */
export interface NavEntry {
  to: string;
  labelKey: string;
}

export interface NavGroup {
  id: string;
  labelKey: string;
  entries: NavEntry[];
}

export const NAV_GROUPS: NavGroup[] = [
  {
    id: "customers",
    labelKey: "nav.group.customers",
    entries: [
      { to: "/customers", labelKey: "nav.customers" },
      { to: "/customer-users", labelKey: "nav.customerUsers" },
      { to: "/groups", labelKey: "nav.groups" },
      { to: "/customer-users-customers", labelKey: "nav.customerUsersCustomers" },
      { to: "/customer-users-groups", labelKey: "nav.customerUsersGroups" },
      { to: "/customers-groups", labelKey: "nav.customersGroups" },
      { to: "/import", labelKey: "nav.import" },
    ],
  },
  {
    id: "tickets",
    labelKey: "nav.group.tickets",
    entries: [
      { to: "/tickets", labelKey: "nav.tickets" },
      { to: "/dynamic-fields", labelKey: "nav.dynamicFields" },
      { to: "/services", labelKey: "nav.services" },
      { to: "/customer-users-services", labelKey: "nav.customerUsersServices" },
    ],
  },
  {
    id: "system",
    labelKey: "nav.group.system",
    entries: [
      { to: "/agents", labelKey: "nav.agents" },
      { to: "/settings", labelKey: "nav.settings" },
      { to: "/sources", labelKey: "nav.sources" },
    ],
  },
];
