import { z } from "zod";

/** One attribute of a backend's map, normalised from OTOBO's array row or Clientele's object row. */
export interface MapRow {
  /** OTOBO attribute name, e.g. `UserLogin`, or a custom one such as `UserRoom`. */
  attribute: string;
  label: string;
  /** DB column or LDAP attribute. */
  storage: string;
  /** 0 hidden, 1 always shown, 2 "lite" (OTOBO's column 3). */
  shown: 0 | 1 | 2;
  required: boolean;
  type: "var" | "int";
  httpLink: string;
  readOnly: boolean;
}

const flag = z.union([z.boolean(), z.literal(0), z.literal(1), z.literal("0"), z.literal("1")]);
const toBool = (v: z.infer<typeof flag> | undefined | null): boolean => v === true || v === 1 || v === "1";

/**
 * OTOBO's 10-column row: attribute, label, storage, shown, required, type, http link, readonly,
 * link target, link class. Pasted from a Config.pm, so `undef` arrives as null.
 */
const arrayRow = z
  .tuple([z.string().min(1), z.string().nullable(), z.string().min(1)])
  .rest(z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .transform((row, ctx): MapRow => {
    const [attribute, label, storage, shown, required, type, httpLink, readOnly] = row;
    const shownNum = Number(shown ?? 0);
    if (![0, 1, 2].includes(shownNum)) {
      ctx.addIssue({ code: "custom", message: "column 4 (shown) must be 0, 1 or 2", path: [3] });
    }
    if (type != null && type !== "var" && type !== "int") {
      ctx.addIssue({
        code: "custom",
        message: `column 6 (storage type) must be "var" or "int", got ${JSON.stringify(type)}`,
        path: [5],
      });
    }
    return {
      attribute,
      label: label ?? attribute,
      storage,
      shown: shownNum as 0 | 1 | 2,
      required: toBool(required as never),
      type: type === "int" ? "int" : "var",
      httpLink: typeof httpLink === "string" ? httpLink : "",
      readOnly: toBool(readOnly as never),
    };
  });

const objectRow = z
  .object({
    attribute: z.string().min(1),
    label: z.string().optional(),
    storage: z.string().min(1),
    shown: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(1),
    required: flag.default(false),
    type: z.enum(["var", "int"]).default("var"),
    httpLink: z.string().default(""),
    readOnly: flag.default(false),
  })
  .strict()
  .transform(
    (row): MapRow => ({
      ...row,
      label: row.label ?? row.attribute,
      required: toBool(row.required),
      readOnly: toBool(row.readOnly),
    }),
  );

export const mapRowSchema = z.union([arrayRow, objectRow]);

const row = (
  attribute: string,
  label: string,
  storage: string,
  shown: 0 | 1 | 2,
  required: boolean,
  type: "var" | "int" = "var",
): MapRow => ({ attribute, label, storage, shown, required, type, httpLink: "", readOnly: false });

/** OTOBO's default DB map (Kernel/Config/Defaults.pm). */
export const defaultDbMap: MapRow[] = [
  row("UserTitle", "Title or salutation", "title", 1, false),
  row("UserFirstname", "Firstname", "first_name", 1, true),
  row("UserLastname", "Lastname", "last_name", 1, true),
  row("UserLogin", "Username", "login", 1, true),
  row("UserPassword", "Password", "pw", 0, false),
  row("UserEmail", "Email", "email", 1, true),
  row("UserCustomerID", "CustomerID", "customer_id", 0, true),
  row("UserPhone", "Phone", "phone", 1, false),
  row("UserFax", "Fax", "fax", 1, false),
  row("UserMobile", "Mobile", "mobile", 1, false),
  row("UserStreet", "Street", "street", 1, false),
  row("UserZip", "Zip", "zip", 1, false),
  row("UserCity", "City", "city", 1, false),
  row("UserCountry", "Country", "country", 1, false),
  row("UserComment", "Comment", "comments", 1, false),
  row("ValidID", "Valid", "valid_id", 0, true, "int"),
];

/** OTOBO's LDAP example map (every row read-only). */
export const defaultLdapMap: MapRow[] = [
  row("UserTitle", "Title or salutation", "title", 1, false),
  row("UserFirstname", "Firstname", "givenName", 1, true),
  row("UserLastname", "Lastname", "sn", 1, true),
  row("UserLogin", "Username", "uid", 1, true),
  row("UserEmail", "Email", "mail", 1, true),
  row("UserCustomerID", "CustomerID", "mail", 0, true),
  row("UserPhone", "Phone", "telephoneNumber", 1, false),
  row("UserAddress", "Address", "postalAddress", 1, false),
  row("UserComment", "Comment", "description", 1, false),
].map((r) => ({ ...r, readOnly: true }));

/** The LDAP map with Active Directory's attribute names (login sAMAccountName, streetAddress). */
export const defaultAdMap: MapRow[] = defaultLdapMap.map((r) =>
  r.attribute === "UserLogin"
    ? { ...r, storage: "sAMAccountName" }
    : r.attribute === "UserAddress"
      ? { ...r, storage: "streetAddress" }
      : r,
);

/** OTOBO never offers password-like attributes as search fields. */
const PASSWORD_ATTRIBUTE = /(Password|Pw)\d*$/;
/** Answers per attribute name, remembered: it is asked for every field of every row read. */
const passwordAttributes = new Map<string, boolean>();
export const isPasswordAttribute = (attribute: string): boolean => {
  let answer = passwordAttributes.get(attribute);
  if (answer === undefined) {
    answer = PASSWORD_ATTRIBUTE.test(attribute);
    // Attribute names come from the configuration; the bound only guards against unexpected callers.
    if (passwordAttributes.size < 10_000) passwordAttributes.set(attribute, answer);
  }
  return answer;
};
