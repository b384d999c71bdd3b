import { z } from "zod";

/** `params` of an LDAP backend (DOMAIN.md §LDAP backend). */
export const ldapParamsSchema = z
  .object({
    url: z.string().regex(/^ldaps?:\/\/.+/, "must start with ldap:// or ldaps://"),
    startTls: z.boolean().default(false),
    tls: z
      .object({
        caFile: z.string().optional(),
        rejectUnauthorized: z.boolean().default(true),
        servername: z.string().optional(),
      })
      .strict()
      .default({ rejectUnauthorized: true }),
    bindDn: z.string().default(""),
    bindPassword: z.string().default(""),
    baseDn: z.string(),
    scope: z.enum(["one", "sub"]).default("sub"),
    alwaysFilter: z.string().default(""),
    validFilter: z.string().default(""),
    groupDn: z.string().default(""),
    timeoutMs: z.number().int().positive().default(5000),
    sizeLimit: z.number().int().nonnegative().default(0),
    pageSize: z.number().int().positive().default(500),
    sourceCharset: z.string().default("utf-8"),
  })
  .strict();

export type LdapParams = z.infer<typeof ldapParamsSchema>;
