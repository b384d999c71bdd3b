import { inject } from "vitest";
import { type LdapBackendConfig, parseConfig } from "../../src/config/backends";
import { LdapCustomerUserSource, type LdapSourceLogger } from "../../src/customer-users/sources/ldap-source";

type Raw = Record<string, unknown>;

export const ad = () => inject("ad");

/** An activeDirectory backend over LDAPS with the domain's own CA, through the real config parser. */
export function adBackend(overrides: Raw = {}, params: Raw = {}): LdapBackendConfig {
  const server = ad();
  const config = parseConfig({
    backends: [
      {
        module: "ldap",
        name: "Test domain",
        params: {
          directoryType: "activeDirectory",
          url: server.ldapsUrl,
          tls: { caFile: server.caFile, servername: server.servername },
          bindDn: server.adminDn,
          bindPassword: server.adminPassword,
          baseDn: server.peopleDn,
          timeoutMs: 20_000,
          ...params,
        },
        ...overrides,
      },
    ],
  });
  return config.backends[0] as LdapBackendConfig;
}

export interface Logged {
  details: Record<string, unknown>;
  message: string;
}

/** A logger that keeps what it was told, to assert on log lines. */
export function recordingLogger(): { logger: LdapSourceLogger; lines: Logged[] } {
  const lines: Logged[] = [];
  return { lines, logger: { warn: (details, message) => lines.push({ details, message }) } };
}

export function adSource(
  overrides: Raw = {},
  params: Raw = {},
  logger?: LdapSourceLogger,
): LdapCustomerUserSource {
  return new LdapCustomerUserSource(adBackend(overrides, params), { logger });
}

import { compareLogins } from "../../src/customer-users/sources/ldap-source";
import type { CustomerUserRecord, SourceSearchParams } from "../../src/customer-users/sources/source";
import { parseSearch } from "../../src/search/search-syntax";

export const search = (
  src: LdapCustomerUserSource,
  term: string | null,
  more: Partial<SourceSearchParams> = {},
) => src.search({ query: parseSearch(term), limit: 10_000, ...more });

export const logins = (records: CustomerUserRecord[]) => records.map((r) => r.login);
export const sortedLogins = (list: string[]) => [...list].sort(compareLogins);
