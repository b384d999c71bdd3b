import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Slapd } from "@clientele/slapd";
import { type LdapBackendConfig, parseConfig } from "../../src/config/backends";

export {
  ouLdif,
  type PersonSpec,
  personLdif,
  readerLdif,
  type SeedFacts,
  type Slapd,
  seedDirectory,
  startSlapd,
} from "@clientele/slapd";

const run = promisify(execFile);

type Raw = Record<string, unknown>;

/** An LDAP backend config through the real config parser (defaults, map normalisation). */
export function ldapBackend(server: Slapd, overrides: Raw = {}, params: Raw = {}): LdapBackendConfig {
  const config = parseConfig({
    backends: [
      {
        module: "ldap",
        name: "Test directory",
        params: { url: server.url, baseDn: `ou=people,${server.suffix}`, timeoutMs: 3000, ...params },
        ...overrides,
      },
    ],
  });
  return config.backends[0] as LdapBackendConfig;
}

/** Search operations slapd has started so far (cn=Monitor), to count what one call costs. */
export async function searchOperations(server: Slapd): Promise<number> {
  const { stdout } = await run("ldapsearch", [
    "-x",
    "-LLL",
    "-H",
    server.url,
    "-D",
    server.rootDn,
    "-w",
    server.rootPw,
    "-b",
    "cn=Search,cn=Operations,cn=Monitor",
    "-s",
    "base",
    "monitorOpInitiated",
  ]);
  const m = /monitorOpInitiated: (\d+)/.exec(stdout);
  if (!m) throw new Error(`no monitorOpInitiated in ${stdout}`);
  return Number(m[1]);
}

/** How many searches `action` sent to the server (the counter's own read is subtracted). */
export async function countSearches(server: Slapd, action: () => Promise<unknown>): Promise<number> {
  const before = await searchOperations(server);
  await action();
  const after = await searchOperations(server);
  return after - before - 1;
}
