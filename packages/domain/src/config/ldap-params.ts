import { z } from "zod";

/** `params` of an LDAP backend (docs/domain.md §LDAP backend). */
export const ldapParamsSchema = z
  .object({
    url: z.string().regex(/^ldaps?:\/\/.+/, "must start with ldap:// or ldaps://"),
    /** Upgrade an ldap:// connection with StartTLS before binding. */
    startTls: z.boolean().default(false),
    /** Used for ldaps:// and StartTLS; the server certificate is verified unless turned off. */
    tls: z
      .object({
        caFile: z.string().optional(),
        rejectUnauthorized: z.boolean().default(true),
        servername: z.string().optional(),
      })
      .strict()
      .default({ rejectUnauthorized: true }),
    /** Service account; the bind is anonymous unless both are set (as in OTOBO). */
    bindDn: z.string().default(""),
    bindPassword: z.string().default(""),
    baseDn: z.string(),
    scope: z.enum(["one", "sub"]).default("sub"),
    /** ANDed to every query, e.g. `(objectClass=inetOrgPerson)`. */
    alwaysFilter: z.string().default(""),
    /** Users not matching it are invalid (validId 2): hidden from searches for valid users, no sign-in. */
    validFilter: z.string().default(""),
    /** Only users whose login is a `memberUid` of this group belong to the backend. */
    groupDn: z.string().default(""),
    /** Deadline for each operation as a whole: connect, StartTLS, bind and every page of a search. */
    timeoutMs: z.number().int().positive().default(5000),
    /** Most entries one search reads from the directory (0: all that match); more → limitReached. */
    sizeLimit: z.number().int().nonnegative().default(0),
    /** Entries per page of a paged search (RFC 2696); keep it at or below the server's page limit. */
    pageSize: z.number().int().positive().default(500),
    /** Charset of the directory's values: utf-8, or iso-8859-1 / windows-1252 for legacy directories. */
    sourceCharset: z.string().default("utf-8"),
  })
  .strict();

export type LdapParams = z.infer<typeof ldapParamsSchema>;
