/**
 * The typed fields of a customer user (the API's `CustomerUserInput`), each with its OTOBO map
 * attribute and the length of its column in OTOBO's customer_user table. The Drizzle table takes its
 * lengths from here and the web form checks them; the domain checks the lengths of the backend's
 * actual columns (an attached OTOBO may have altered them).
 */
export const CUSTOMER_USER_FIELDS = {
  login: { attribute: "UserLogin", max: 191 },
  password: { attribute: "UserPassword", max: null },
  title: { attribute: "UserTitle", max: 50 },
  firstName: { attribute: "UserFirstname", max: 100 },
  lastName: { attribute: "UserLastname", max: 100 },
  email: { attribute: "UserEmail", max: 150 },
  customerId: { attribute: "UserCustomerID", max: 150 },
  phone: { attribute: "UserPhone", max: 150 },
  fax: { attribute: "UserFax", max: 150 },
  mobile: { attribute: "UserMobile", max: 150 },
  street: { attribute: "UserStreet", max: 150 },
  zip: { attribute: "UserZip", max: 200 },
  city: { attribute: "UserCity", max: 200 },
  country: { attribute: "UserCountry", max: 200 },
  comment: { attribute: "UserComment", max: 250 },
  valid: { attribute: "ValidID", max: null },
} as const satisfies Record<string, { attribute: string; max: number | null }>;

export type CustomerUserField = keyof typeof CUSTOMER_USER_FIELDS;

/** OTOBO map attribute → the typed field that carries it (`UserEmail` → `email`); custom attributes have none. */
export const FIELD_OF_ATTRIBUTE: ReadonlyMap<string, CustomerUserField> = new Map(
  (Object.keys(CUSTOMER_USER_FIELDS) as CustomerUserField[]).map((field) => [
    CUSTOMER_USER_FIELDS[field].attribute,
    field,
  ]),
);

/** Length of a stored password hash (`customer_user.pw`). */
export const PASSWORD_HASH_MAX = 128;

/** A customer user's preference (`customer_preferences`): key and value lengths. */
export const PREFERENCE_KEY_MAX = 150;
export const PREFERENCE_VALUE_MAX = 250;

/** A custom attribute's length when its backend says nothing else: OTOBO's varchar(250). */
export const CUSTOM_ATTRIBUTE_MAX = 250;
