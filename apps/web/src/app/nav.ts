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
    ],
  },
  {
    id: "system",
    labelKey: "nav.group.system",
    entries: [{ to: "/sources", labelKey: "nav.sources" }],
  },
];
