/**
 * A throwaway OpenLDAP server for tests, benchmarks and the Playwright suite: writes a slapd.conf
 * into a temp dir, loads an LDIF offline with slapadd, starts `slapd` on a free port and can
 * stop, pause (SIGSTOP, to simulate a hung server), resume and restart it by its pidfile.
 * Needs Debian's `slapd` and `ldap-utils`; without them it fails with how to install them.
 */
import { execFile, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export const DEFAULT_SUFFIX = "dc=example,dc=com";
export const ROOT_PASSWORD = "rootsecret";
/** A read-only service account present in every generated directory. */
export const READER_PASSWORD = "reader-secret";

export interface SlapdOptions {
  /** Working directory (config, data, pidfile); a fresh temp dir by default. */
  dir?: string;
  /** Port for ldap://; a free one by default. */
  port?: number;
  suffix?: string;
  /** Entries below the suffix entry (the suffix entry itself is added). Default: the generated seed. */
  ldif?: string;
  /** Server-side size limit for normal searches; OpenLDAP's default is 500, stated explicitly here. */
  sizeLimit?: number;
  /**
   * How many entries one paged search may return in total. OpenLDAP caps it at the hard size
   * limit (= the soft one, 500) unless `size.prtotal` is set; "unlimited" (default) is what a
   * directory serving customer users must be configured with, "stock" keeps OpenLDAP's cap.
   */
  pagedTotal?: "unlimited" | "stock";
  /** Configures TLS with a generated CA and server certificate, and adds an ldaps:// listener. */
  tls?: boolean;
  /** Leave the daemon running when this process exits (the CLI's `start`); default false. */
  detach?: boolean;
  /** Start the daemon before returning (default true; the CLI's stop only needs the handle). */
  autoStart?: boolean;
}

export interface Slapd {
  url: string;
  /** Set when started with `tls: true`. */
  ldapsUrl: string | null;
  /** CA certificate that signed the server certificate (with `tls: true`). */
  caFile: string | null;
  port: number;
  dir: string;
  suffix: string;
  rootDn: string;
  rootPw: string;
  /** Bind DN of the read-only service account. */
  readerDn: string;
  pid(): number | null;
  start(): Promise<void>;
  /** SIGTERM (SIGKILL after 5 s) and wait until the process is gone; the data stays for a restart. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** SIGSTOP: the port still accepts connections but nothing answers (a hung server). */
  pause(): void;
  resume(): void;
  /** Stops the server and removes its directory. */
  destroy(): Promise<void>;
  /** Adds entries to the running server as the root DN (ldapadd). */
  add(ldif: string): Promise<void>;
}

const INSTALL_HINT =
  "OpenLDAP's slapd is needed for the LDAP tests: DEBIAN_FRONTEND=noninteractive apt-get install -y slapd ldap-utils";

function findBinary(name: string): string {
  for (const dir of ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"]) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  throw new Error(`${name} not found. ${INSTALL_HINT}`);
}

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// LDIF

/** LDIF SAFE-STRING (RFC 2849); anything else is written base64 (`attr:: …`). */
function isSafe(value: string): boolean {
  if (value === "" || /^[ :<]/.test(value) || value.endsWith(" ")) return value === "";
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}

type LdifValue = string | Buffer;

/** One LDIF record; Buffer values are written byte for byte (e.g. a latin1 legacy value). */
export function ldifEntry(
  dn: string,
  attributes: Record<string, LdifValue | LdifValue[] | undefined>,
): string {
  const lines = [isSafe(dn) ? `dn: ${dn}` : `dn:: ${Buffer.from(dn).toString("base64")}`];
  for (const [name, raw] of Object.entries(attributes)) {
    if (raw === undefined) continue;
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      lines.push(
        typeof value === "string" && isSafe(value)
          ? `${name}: ${value}`
          : `${name}:: ${(Buffer.isBuffer(value) ? value : Buffer.from(value)).toString("base64")}`,
      );
    }
  }
  return `${lines.join("\n")}\n\n`;
}

export interface PersonSpec {
  uid: string;
  givenName: string;
  sn: string;
  mail?: string;
  description?: string;
  employeeType?: string;
  telephoneNumber?: string;
  title?: string;
  userPassword?: string;
  /**
   * Raw bytes in a legacy (octet string) attribute, as directories holding latin1 text have them;
   * adds the `clienteleLegacy` auxiliary class from the test schema.
   */
  legacyName?: Buffer;
  /** Parent DN; default `ou=people,<suffix>`. */
  parent?: string;
}

export function personLdif(p: PersonSpec, suffix = DEFAULT_SUFFIX): string {
  const parent = p.parent ?? `ou=people,${suffix}`;
  // uid can hold filter metacharacters; DN special characters are escaped per RFC 4514.
  const rdn = p.uid.replace(/[\\,+"<>;=#]/g, (c) => `\\${c}`);
  return ldifEntry(`uid=${rdn},${parent}`, {
    objectClass: [
      "top",
      "person",
      "organizationalPerson",
      "inetOrgPerson",
      ...(p.legacyName ? ["clienteleLegacy"] : []),
    ],
    uid: p.uid,
    cn: `${p.givenName} ${p.sn}`,
    givenName: p.givenName,
    sn: p.sn,
    mail: p.mail,
    description: p.description,
    employeeType: p.employeeType,
    telephoneNumber: p.telephoneNumber,
    title: p.title,
    userPassword: p.userPassword,
    legacyName: p.legacyName,
  });
}

export const ouLdif = (ou: string, parent: string): string =>
  ldifEntry(`ou=${ou},${parent}`, { objectClass: ["top", "organizationalUnit"], ou });

export const groupLdif = (cn: string, gid: number, members: string[], suffix = DEFAULT_SUFFIX): string =>
  ldifEntry(`cn=${cn},ou=groups,${suffix}`, {
    objectClass: ["top", "posixGroup"],
    cn,
    gidNumber: String(gid),
    memberUid: members,
  });

/** The service account every directory gets (`cn=reader,<suffix>`). */
export const readerLdif = (suffix = DEFAULT_SUFFIX): string =>
  ldifEntry(`cn=reader,${suffix}`, {
    objectClass: ["top", "organizationalRole", "simpleSecurityObject"],
    cn: "reader",
    userPassword: READER_PASSWORD,
  });

const GIVEN = ["Anna", "Jörg", "Zoë", "Björn", "Chloé", "Dmitri", "Émile", "Fatima", "Grete", "Hiroshi"];
const SURNAMES = ["Müller", "García", "Nakamura", "Ó Briain", "Dvořák", "Łukasiewicz", "Smith", "Öztürk"];

/** What the generated seed directory contains, so tests assert against facts instead of guesses. */
export interface SeedFacts {
  suffix: string;
  peopleDn: string;
  groupDn: string;
  /** Every inetOrgPerson, special users included (scope sub under ou=people). */
  totalUsers: number;
  /** Users directly under ou=people (scope one). */
  directUsers: number;
  /** Users in ou=contractors,ou=people (only found with scope sub). */
  contractorLogins: string[];
  /** Users with `description: gesperrt` (validFilter `(!(description=gesperrt))` excludes them). */
  lockedLogins: string[];
  /** Users with `employeeType: staff` (alwaysFilter `(employeeType=customer)` hides them). */
  staffLogins: string[];
  /** memberUid values of the group. */
  groupMembers: string[];
  /** The login that sorts last, case-insensitively. */
  lastLogin: string;
  lastSurname: string;
  /** Login with password `correct horse battery`. */
  authLogin: string;
  authPassword: string;
  /** A user whose mail is `Mixed.Case@Example.COM`. */
  mixedCaseLogin: string;
  mixedCaseMail: string;
  /** Users whose names hold filter metacharacters: login → cn. */
  injection: Record<string, string>;
  /** A login in the people OU that sorts first, case-insensitively. */
  firstLogin: string;
  /** Valid, with password `correct horse battery`, but not in the group. */
  outsiderLogin: string;
  /** Every person entry as written, so tests compute expected results instead of guessing. */
  people: PersonSpec[];
}

/** 1,600 generated customers plus special users: a directory well over OpenLDAP's 500 size limit. */
export function seedDirectory(suffix = DEFAULT_SUFFIX, count = 1600): { ldif: string; facts: SeedFacts } {
  const peopleDn = `ou=people,${suffix}`;
  const groupDn = `cn=customers,ou=groups,${suffix}`;
  const parts: string[] = [readerLdif(suffix), ouLdif("people", suffix), ouLdif("groups", suffix)];
  parts.push(ouLdif("contractors", peopleDn));
  const locked: string[] = [];
  const staff: string[] = [];
  const members: string[] = [];
  const logins: string[] = [];
  const people: PersonSpec[] = [];
  for (let i = 1; i <= count; i++) {
    const uid = `cu${String(i).padStart(4, "0")}`;
    const given = GIVEN[i % GIVEN.length] as string;
    const sn = `${SURNAMES[i % SURNAMES.length] as string}${i}`;
    const isLocked = i % 40 === 0;
    const isStaff = i % 50 === 7;
    if (isLocked) locked.push(uid);
    if (isStaff) staff.push(uid);
    if (i % 2 === 0) members.push(uid);
    logins.push(uid);
    const person: PersonSpec = {
      uid,
      givenName: given,
      sn,
      mail: `${uid}@example.com`,
      description: isLocked ? "gesperrt" : undefined,
      employeeType: isStaff ? "staff" : "customer",
      telephoneNumber: `+49 30 ${String(100000 + i)}`,
      title: i % 3 === 0 ? "Dr." : undefined,
    };
    people.push(person);
    parts.push(personLdif(person, suffix));
  }
  const injection: Record<string, string> = {
    "inj-star": "Star *)(uid=* Person",
    "inj-backslash": "Back\\slash Person",
    "inj-paren": "Paren (round) Person",
    "inj-percent": "Percent 100% Person",
  };
  for (const [uid, cn] of Object.entries(injection)) {
    const [givenName, ...rest] = cn.split(" ");
    const person: PersonSpec = {
      uid,
      givenName: givenName as string,
      sn: rest.join(" "),
      mail: `${uid}@example.com`,
      employeeType: "customer",
    };
    people.push(person);
    parts.push(personLdif(person, suffix));
    members.push(uid);
    logins.push(uid);
  }
  const specials: PersonSpec[] = [
    { uid: "zzzz-last", givenName: "Zygmunt", sn: "Żółtowski", mail: "zzzz-last@example.com" },
    { uid: "aaaa-first", givenName: "Aaron", sn: "Aalto", mail: "aaaa-first@example.com" },
    {
      uid: "auth-user",
      givenName: "Authentic",
      sn: "Person",
      mail: "auth-user@example.com",
      userPassword: "correct horse battery",
    },
    { uid: "mixedcase", givenName: "Mixed", sn: "Case", mail: "Mixed.Case@Example.COM" },
    {
      uid: "latin1-user",
      givenName: "Legacy",
      sn: "Charset",
      mail: "latin1-user@example.com",
      legacyName: Buffer.from("Jürgen Müller-Straße", "latin1"),
    },
    {
      uid: "locked-auth",
      givenName: "Locked",
      sn: "Person",
      mail: "locked-auth@example.com",
      description: "gesperrt",
      userPassword: "correct horse battery",
    },
  ];
  for (const p of specials) {
    parts.push(personLdif({ ...p, employeeType: "customer" }, suffix));
    people.push({ ...p, employeeType: "customer" });
    members.push(p.uid);
    logins.push(p.uid);
    if (p.description === "gesperrt") locked.push(p.uid);
  }
  // A valid user with a password who is not in the group (groupDn hides them).
  const outsider: PersonSpec = {
    uid: "outsider-auth",
    givenName: "Outside",
    sn: "Person",
    mail: "outsider-auth@example.com",
    employeeType: "customer",
    userPassword: "correct horse battery",
  };
  parts.push(personLdif(outsider, suffix));
  people.push(outsider);
  logins.push(outsider.uid);
  const contractors = ["ctr-one", "ctr-two", "ctr-three"];
  for (const uid of contractors) {
    const person: PersonSpec = {
      uid,
      givenName: "Contract",
      sn: uid,
      mail: `${uid}@example.com`,
      employeeType: "customer",
      parent: `ou=contractors,${peopleDn}`,
    };
    people.push(person);
    parts.push(personLdif(person, suffix));
    members.push(uid);
  }
  parts.push(groupLdif("customers", 1000, members, suffix));
  parts.push(groupLdif("empty", 1001, [], suffix).replace(/^memberUid:.*\n/gm, ""));
  return {
    ldif: parts.join(""),
    facts: {
      suffix,
      peopleDn,
      groupDn,
      totalUsers: logins.length + contractors.length,
      directUsers: logins.length,
      contractorLogins: contractors,
      lockedLogins: locked,
      staffLogins: staff,
      groupMembers: members,
      lastLogin: "zzzz-last",
      lastSurname: "Żółtowski",
      authLogin: "auth-user",
      authPassword: "correct horse battery",
      mixedCaseLogin: "mixedcase",
      mixedCaseMail: "Mixed.Case@Example.COM",
      injection,
      firstLogin: "aaaa-first",
      outsiderLogin: outsider.uid,
      people,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Server

function slapdConf(o: {
  dir: string;
  suffix: string;
  sizeLimit: number;
  pagedTotal: "unlimited" | "stock";
  tls: { ca: string; cert: string; key: string } | null;
}): string {
  const schema = ["core", "cosine", "inetorgperson", "nis"].map(
    (s) => `include /etc/ldap/schema/${s}.schema`,
  );
  schema.push(`include ${join(o.dir, "clientele-test.schema")}`);
  return `${schema.join("\n")}
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload back_monitor
pidfile ${join(o.dir, "slapd.pid")}
argsfile ${join(o.dir, "slapd.args")}
loglevel none
# OpenLDAP's default of 500 for unpaged searches, stated so that tests prove paging gets past it;
# prtotal lifts the cap on paged searches, which otherwise equals the hard (= soft) limit.
${o.pagedTotal === "unlimited" ? `sizelimit size.soft=${o.sizeLimit} size.hard=${o.sizeLimit} size.prtotal=unlimited` : `sizelimit ${o.sizeLimit}`}
${
  o.tls
    ? `TLSCACertificateFile ${o.tls.ca}
TLSCertificateFile ${o.tls.cert}
TLSCertificateKeyFile ${o.tls.key}`
    : ""
}

database mdb
maxsize 268435456
suffix "${o.suffix}"
rootdn "cn=admin,${o.suffix}"
rootpw ${ROOT_PASSWORD}
directory ${join(o.dir, "data")}
# The indexes a directory serving customer users has (the README advises them): searches are
# substring matches on these attributes, lookups equality matches.
index objectClass eq
index uid,mail,cn,sn,givenName eq,sub
index memberUid eq
index description,employeeType eq

access to attrs=userPassword
  by self write
  by anonymous auth
  by * none
access to *
  by * read

# Operation counters (cn=Monitor) let tests count the searches a call makes.
database monitor
access to dn.subtree="cn=Monitor"
  by dn.exact="cn=admin,${o.suffix}" read
  by * none
`;
}

/**
 * An octet-string attribute: the server stores any bytes there, so tests can hold latin1 text
 * the way legacy directories do (Directory String attributes must be UTF-8).
 */
const TEST_SCHEMA = `attributetype ( 1.3.6.1.4.1.99999.4.1 NAME 'legacyName'
  DESC 'Clientele test: text in a legacy charset'
  EQUALITY octetStringMatch
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.40 )
objectclass ( 1.3.6.1.4.1.99999.4.2 NAME 'clienteleLegacy' SUP top AUXILIARY MAY legacyName )
`;

function generateCertificates(dir: string): { ca: string; cert: string; key: string } {
  const tlsDir = join(dir, "tls");
  mkdirSync(tlsDir, { recursive: true });
  const ca = join(tlsDir, "ca.pem");
  const caKey = join(tlsDir, "ca.key");
  const key = join(tlsDir, "server.key");
  const csr = join(tlsDir, "server.csr");
  const cert = join(tlsDir, "server.pem");
  const ext = join(tlsDir, "server.ext");
  const openssl = findBinary("openssl");
  const quiet = { stdio: "pipe" as const };
  // -subj keeps openssl from prompting.
  execFileSync(
    openssl,
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      caKey,
      "-out",
      ca,
      "-days",
      "2",
      "-subj",
      "/CN=Clientele Test CA",
    ],
    quiet,
  );
  execFileSync(
    openssl,
    ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=localhost"],
    quiet,
  );
  writeFileSync(ext, "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
  execFileSync(
    openssl,
    [
      "x509",
      "-req",
      "-in",
      csr,
      "-CA",
      ca,
      "-CAkey",
      caKey,
      "-CAcreateserial",
      "-out",
      cert,
      "-days",
      "2",
      "-extfile",
      ext,
    ],
    quiet,
  );
  return { ca, cert, key };
}

function readPid(dir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dir, "slapd.pid"), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // The daemon's parent is PID 1, which may reap it late: a zombie is already gone for us.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const running = new Set<number>();
let exitHookInstalled = false;
function trackForExit(pid: number): void {
  running.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A crashed test run must not leave daemons behind (slapd forks away from its parent).
  process.on("exit", () => {
    for (const p of running) {
      try {
        process.kill(p, "SIGCONT");
        process.kill(p, "SIGKILL");
      } catch {}
    }
  });
}

export async function startSlapd(options: SlapdOptions = {}): Promise<Slapd> {
  const slapdBin = findBinary("slapd");
  const slapadd = findBinary("slapadd");
  const slaptest = findBinary("slaptest");
  const whoami = findBinary("ldapwhoami");
  let suffix = options.suffix ?? DEFAULT_SUFFIX;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "clientele-slapd-"));
  mkdirSync(join(dir, "data"), { recursive: true });
  const conf = join(dir, "slapd.conf");
  const stateFile = join(dir, "slapd.json");
  // An existing dir (CLI restart, a second start) keeps its config, data and ports, so URLs
  // handed out earlier stay valid.
  const previous = existsSync(stateFile)
    ? (JSON.parse(readFileSync(stateFile, "utf8")) as {
        port: number;
        tlsPort: number | null;
        caFile: string | null;
        suffix: string;
      })
    : null;
  if (previous) suffix = previous.suffix;
  let caFile = previous?.caFile ?? null;
  if (!previous) {
    const tls = options.tls ? generateCertificates(dir) : null;
    writeFileSync(join(dir, "clientele-test.schema"), TEST_SCHEMA);
    caFile = tls?.ca ?? null;
    writeFileSync(
      conf,
      slapdConf({
        dir,
        suffix,
        sizeLimit: options.sizeLimit ?? 500,
        pagedTotal: options.pagedTotal ?? "unlimited",
        tls,
      }),
    );
    await run(slaptest, ["-Q", "-u", "-f", conf]).catch((e: { stderr?: string }) => {
      throw new Error(`slaptest rejected ${conf}: ${e.stderr ?? e}`);
    });
    const dc = /^dc=([^,]+)/.exec(suffix)?.[1];
    const top = ldifEntry(suffix, {
      objectClass: dc ? ["top", "dcObject", "organization"] : ["top", "organization"],
      ...(dc ? { dc } : {}),
      o: dc ?? suffix,
    });
    const ldifFile = join(dir, "seed.ldif");
    writeFileSync(ldifFile, top + (options.ldif ?? seedDirectory(suffix).ldif));
    await run(slapadd, ["-q", "-f", conf, "-l", ldifFile]).catch((e: { stderr?: string }) => {
      throw new Error(`slapadd failed: ${e.stderr ?? e}`);
    });
  }
  const port = previous?.port ?? options.port ?? (await freePort());
  const tlsPort = caFile ? (previous?.tlsPort ?? (await freePort())) : null;
  const url = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = tlsPort ? `ldaps://127.0.0.1:${tlsPort}` : null;
  const rootDn = `cn=admin,${suffix}`;

  const waitUntilUp = async (): Promise<void> => {
    const deadline = Date.now() + 15_000;
    let last = "";
    while (Date.now() < deadline) {
      try {
        await run(whoami, ["-x", "-H", url, "-D", rootDn, "-w", ROOT_PASSWORD], { timeout: 2000 });
        return;
      } catch (e) {
        last = String((e as { stderr?: string }).stderr ?? e);
        await sleep(50);
      }
    }
    throw new Error(`slapd did not answer on ${url} within 15 s: ${last}`);
  };

  const server: Slapd = {
    url,
    ldapsUrl,
    caFile,
    port,
    dir,
    suffix,
    rootDn,
    rootPw: ROOT_PASSWORD,
    readerDn: `cn=reader,${suffix}`,
    pid: () => readPid(dir),
    async start() {
      const existing = readPid(dir);
      if (existing && alive(existing)) return;
      const listeners = ldapsUrl ? `${url}/ ${ldapsUrl}/` : `${url}/`;
      // slapd daemonises and writes its pidfile; a port still in TIME_WAIT is fine (SO_REUSEADDR).
      await run(slapdBin, ["-f", conf, "-h", listeners]).catch((e: { stderr?: string }) => {
        throw new Error(`slapd failed to start on ${listeners}: ${e.stderr ?? e}`);
      });
      await waitUntilUp();
      const pidDeadline = Date.now() + 5000;
      while (!readPid(dir) && Date.now() < pidDeadline) await sleep(10);
      const pid = readPid(dir);
      if (!pid) throw new Error(`slapd answers on ${url} but wrote no pidfile in ${dir}`);
      if (!options.detach) trackForExit(pid);
    },
    async stop() {
      const pid = readPid(dir);
      if (!pid || !alive(pid)) return;
      try {
        process.kill(pid, "SIGCONT");
        process.kill(pid, "SIGTERM");
      } catch {}
      const deadline = Date.now() + 5000;
      while (alive(pid) && Date.now() < deadline) await sleep(10);
      if (alive(pid)) process.kill(pid, "SIGKILL");
      while (alive(pid)) await sleep(10);
      running.delete(pid);
      rmSync(join(dir, "slapd.pid"), { force: true });
    },
    async restart() {
      await server.stop();
      await server.start();
    },
    pause() {
      const pid = readPid(dir);
      if (!pid || !alive(pid)) throw new Error(`slapd in ${dir} is not running; cannot pause it`);
      process.kill(pid, "SIGSTOP");
    },
    resume() {
      const pid = readPid(dir);
      if (pid) process.kill(pid, "SIGCONT");
    },
    async destroy() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    async add(ldif: string) {
      const ldapadd = findBinary("ldapadd");
      await new Promise<void>((resolve, reject) => {
        const child = spawn(ldapadd, ["-x", "-H", url, "-D", rootDn, "-w", ROOT_PASSWORD], { stdio: "pipe" });
        let stderr = "";
        child.stderr.on("data", (chunk) => {
          stderr += String(chunk);
        });
        child.on("error", reject);
        child.on("close", (code) =>
          code === 0 ? resolve() : reject(new Error(`ldapadd on ${url} failed (${code}): ${stderr}`)),
        );
        child.stdin.end(ldif);
      });
    },
  };
  writeFileSync(
    stateFile,
    JSON.stringify({
      url,
      ldapsUrl,
      port,
      tlsPort,
      suffix,
      caFile: server.caFile,
      rootDn,
      readerDn: server.readerDn,
    }),
  );
  if (options.autoStart !== false) await server.start();
  return server;
}
