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
    /**
     * ANDed to every query, e.g. `(objectClass=inetOrgPerson)`. Unset on Active Directory:
     * `(&(objectCategory=person)(objectClass=user)(!(isCriticalSystemObject=TRUE)))`; an empty string turns that off.
     */
    alwaysFilter: z.string().optional(),
    /** Users not matching it are invalid (validId 2): hidden from searches for valid users, no sign-in. */
    validFilter: z.string().default(""),
    /**
     * `openldap` (default) or `activeDirectory`. `activeDirectory` sets AD's defaults: customerKey
     * sAMAccountName, only people (no computers, groups or system accounts), validity from
     * userAccountControl / accountExpires / lockoutTime, groupMemberAttribute `member`.
     */
    directoryType: z.enum(["openldap", "activeDirectory"]).default("openldap"),
    /** Only members of this group belong to the backend (see groupMemberAttribute, nestedGroups). */
    groupDn: z.string().default(""),
    /**
     * The group attribute listing members: `memberUid` (logins; default on OpenLDAP) or a DN-valued
     * one such as `member` (default on Active Directory) or `uniqueMember`.
     */
    groupMemberAttribute: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]*$/, "must be an LDAP attribute name")
      .optional(),
    /** Members of member groups count too (DN-valued member attributes only). */
    nestedGroups: z.boolean().default(false),
    /**
     * Follow continuation references and referrals to other servers (same credentials and TLS
     * settings). Off: a search that met one is reported as incomplete (limitReached) and logged.
     */
    followReferrals: z.boolean().default(false),
    /** Deadline for each operation as a whole: connect, StartTLS, bind and every page of a search. */
    timeoutMs: z.number().int().positive().default(5000),
    /** Most entries one search reads from the directory (0: all that match); more → limitReached. */
    sizeLimit: z.number().int().nonnegative().default(0),
    /**
     * Entries per page of a paged search (RFC 2696); keep it at or below the server's page limit.
     * Each page is a round trip and a restart of the search on the server. 1,000 is Active
     * Directory's MaxPageSize (it never sends more per page); OpenLDAP has no page limit by default.
     */
    pageSize: z.number().int().positive().default(1000),
    /** Charset of the directory's values: utf-8, or iso-8859-1 / windows-1252 for legacy directories. */
    sourceCharset: z.string().default("utf-8"),
  })
  .strict();

export type LdapParams = z.infer<typeof ldapParamsSchema>;
