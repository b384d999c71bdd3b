/**
 * A throwaway Active Directory domain controller (Samba) for tests and benchmarks: provisions a
 * domain into a temp dir with `samba-tool domain provision`, loads the generated users offline
 * with `ldbadd` into sam.ldb, and runs `samba` in the foreground with only its LDAP service,
 * bound to the loopback interface. LDAPS uses the CA Samba generates on first start.
 *
 * Samba has no setting for its LDAP ports: it always listens on 389/636 (and the Global Catalog
 * on 3268/3269) of its interfaces. Only one such server can run on the machine, so starting one
 * takes a lock file (`/tmp/clientele-samba-ad.lock`) and waits while another test run holds it.
 * Needs Debian's `samba`, `samba-ad-provision`, `samba-dsdb-modules` and `ldb-tools`; without
 * them it fails with how to install them.
 */
import { execFile, spawn } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ldifEntry } from "@clientele/slapd";

const run = promisify(execFile);

export const AD_REALM = "ACC.TEST";
export const AD_DOMAIN = "ACC";
export const AD_BASE_DN = "DC=acc,DC=test";
export const AD_PEOPLE_DN = `OU=People,${AD_BASE_DN}`;
export const AD_HOST_NAME = "dc1.acc.test";
export const AD_ADMIN_DN = `CN=Administrator,CN=Users,${AD_BASE_DN}`;
export const AD_ADMIN_PASSWORD = "Adm1n-Secret!x";
/** Password of the users that can sign in (see AdFacts.passwordLogins). */
export const AD_USER_PASSWORD = "Corr3ct-Horse!";
export const AD_LOCK_FILE = join(tmpdir(), "clientele-samba-ad.lock");

const INSTALL_HINT =
  "Samba is needed for the Active Directory tests: DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends samba samba-ad-provision samba-dsdb-modules ldb-tools (scripts/ensure-system-deps.sh does this as root)";

function binary(name: string): string {
  for (const dir of ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"]) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  throw new Error(`${name} not found. ${INSTALL_HINT}`);
}

/** Windows FILETIME (100 ns since 1601) of a date, as AD stores accountExpires and lockoutTime. */
export function fileTime(date: Date): string {
  return (BigInt(date.getTime()) * 10_000n + 116_444_736_000_000_000n).toString();
}

export interface AdUser {
  login: string;
  givenName: string;
  sn: string;
  mail?: string;
  telephoneNumber?: string;
  company?: string;
  disabled?: boolean;
  expired?: boolean;
  locked?: boolean;
  password?: boolean;
}

/** What the generated domain contains, so tests assert against facts instead of guesses. */
export interface AdFacts {
  users: AdUser[];
  /** Logins of enabled, unexpired, unlocked people. */
  validLogins: string[];
  disabledLogin: string;
  expiredLogin: string;
  lockedLogin: string;
  /** Users with AD_USER_PASSWORD. */
  passwordLogins: string[];
  umlautLogin: string;
  umlautMail: string;
  hashPhoneLogin: string;
  hashPhone: string;
  injectionLogin: string;
  injectionSn: string;
  /** 30 direct members; the nested group holds 5 more. */
  supportGroupDn: string;
  supportDirect: string[];
  nestedGroupDn: string;
  nestedMembers: string[];
  /** A group with more members than AD returns in one value range (1,500). */
  bigGroupDn: string;
  bigMembers: string[];
}

const GIVEN = ["Anna", "Jörg", "Zoë", "Björn", "Chloé", "Dmitri", "Émile", "Fatima", "Grete", "Hiroshi"];
const SURNAMES = ["Müller", "García", "Nakamura", "Ó Briain", "Dvořák", "Łukasiewicz", "Smith", "Öztürk"];

/** UF_NORMAL_ACCOUNT | UF_PASSWD_NOTREQD; | UF_ACCOUNTDISABLE for disabled ones. */
const NORMAL = 0x200;
const PASSWD_NOTREQD = 0x20;
const DISABLED = 0x2;

export function adSeed(count = 1200): { ldif: string; facts: AdFacts } {
  const users: AdUser[] = [];
  for (let i = 1; i <= count; i++) {
    const login = `ad${String(i).padStart(4, "0")}`;
    users.push({
      login,
      givenName: GIVEN[i % GIVEN.length] as string,
      sn: `${SURNAMES[i % SURNAMES.length] as string}${i}`,
      mail: `${login}@acc.test`,
      telephoneNumber: `+49 30 ${100000 + i}`,
      company: `cust${i % 20}`,
    });
  }
  const special: AdUser[] = [
    {
      login: "disabled1",
      givenName: "Dis",
      sn: "Abled",
      mail: "disabled1@acc.test",
      disabled: true,
      password: true,
    },
    {
      login: "expired1",
      givenName: "Ex",
      sn: "Pired",
      mail: "expired1@acc.test",
      expired: true,
      password: true,
    },
    { login: "locked1", givenName: "Lo", sn: "Cked", mail: "locked1@acc.test", locked: true, password: true },
    { login: "signin1", givenName: "Sign", sn: "In", mail: "signin1@acc.test", password: true },
    { login: "jweiss", givenName: "Jürgen", sn: "Weiß", mail: "jürgen.weiß@acc.test", company: "cust1" },
    {
      login: "phash",
      givenName: "Phone",
      sn: "Hash",
      mail: "phash@acc.test",
      telephoneNumber: "+49 30 1234#56",
    },
    { login: "inject", givenName: "In", sn: "*)(sAMAccountName=*))(|(cn=*", mail: "inject@acc.test" },
  ];
  users.push(...special);

  const dn = (u: AdUser) => `CN=${u.login},${AD_PEOPLE_DN}`;
  const expired = fileTime(new Date(Date.UTC(2020, 0, 1)));
  const parts: string[] = [
    ldifEntry(AD_PEOPLE_DN, { objectClass: ["top", "organizationalUnit"], ou: "People" }),
    ldifEntry(`OU=Groups,${AD_BASE_DN}`, { objectClass: ["top", "organizationalUnit"], ou: "Groups" }),
  ];
  for (const u of users) {
    parts.push(
      ldifEntry(dn(u), {
        objectClass: ["top", "person", "organizationalPerson", "user"],
        cn: u.login,
        sAMAccountName: u.login,
        userPrincipalName: `${u.login}@acc.test`,
        givenName: u.givenName,
        sn: u.sn,
        displayName: `${u.givenName} ${u.sn}`,
        mail: u.mail,
        telephoneNumber: u.telephoneNumber,
        company: u.company,
        userAccountControl: String(NORMAL | PASSWD_NOTREQD | (u.disabled ? DISABLED : 0)),
        accountExpires: u.expired ? expired : undefined,
        unicodePwd: u.password ? Buffer.from(`"${AD_USER_PASSWORD}"`, "utf16le") : undefined,
      }),
    );
  }
  // lockoutTime is set by a modification after the add, as a lockout happens to an existing account.
  const locked = special.find((u) => u.locked) as AdUser;
  parts.push(
    `dn: ${dn(locked)}\nchangetype: modify\nreplace: lockoutTime\nlockoutTime: ${fileTime(new Date())}\n\n`,
  );

  const regular = users.slice(0, count);
  const supportDirect = regular.slice(0, 30).map((u) => u.login);
  const nestedMembers = regular.slice(30, 35).map((u) => u.login);
  const bigMembers = regular.slice(0, Math.min(count, 1100)).map((u) => u.login);
  // The big group holds 1,100 people and 500 contacts: 1,600 values, over AD's 1,500 per range.
  // Contacts are not people, so the group's customer users are exactly its 1,100 people.
  const fillers: string[] = [];
  for (let i = 1; i <= 500; i++) {
    const cn = `filler${String(i).padStart(3, "0")}`;
    fillers.push(`CN=${cn},OU=Groups,${AD_BASE_DN}`);
    parts.push(ldifEntry(`CN=${cn},OU=Groups,${AD_BASE_DN}`, { objectClass: ["top", "contact"], cn }));
  }
  const supportGroupDn = `CN=Support,OU=Groups,${AD_BASE_DN}`;
  const nestedGroupDn = `CN=Support Tier 2,OU=Groups,${AD_BASE_DN}`;
  const bigGroupDn = `CN=All Staff,OU=Groups,${AD_BASE_DN}`;
  const group = (groupDn: string, name: string, members: string[]) =>
    ldifEntry(groupDn, {
      objectClass: ["top", "group"],
      cn: name,
      sAMAccountName: name.replace(/ /g, ""),
      member: members,
    });
  parts.push(
    group(
      nestedGroupDn,
      "Support Tier 2",
      nestedMembers.map((l) => `CN=${l},${AD_PEOPLE_DN}`),
    ),
  );
  parts.push(
    group(supportGroupDn, "Support", [...supportDirect.map((l) => `CN=${l},${AD_PEOPLE_DN}`), nestedGroupDn]),
  );
  parts.push(
    group(bigGroupDn, "All Staff", [...bigMembers.map((l) => `CN=${l},${AD_PEOPLE_DN}`), ...fillers]),
  );

  const validLogins = users.filter((u) => !u.disabled && !u.expired && !u.locked).map((u) => u.login);
  return {
    ldif: parts.join(""),
    facts: {
      users,
      validLogins,
      disabledLogin: "disabled1",
      expiredLogin: "expired1",
      lockedLogin: "locked1",
      passwordLogins: users.filter((u) => u.password).map((u) => u.login),
      umlautLogin: "jweiss",
      umlautMail: "jürgen.weiß@acc.test",
      hashPhoneLogin: "phash",
      hashPhone: "+49 30 1234#56",
      injectionLogin: "inject",
      injectionSn: "*)(sAMAccountName=*))(|(cn=*",
      supportGroupDn,
      supportDirect,
      nestedGroupDn,
      nestedMembers,
      bigGroupDn,
      bigMembers,
    },
  };
}

export interface SambaAd {
  dir: string;
  /** ldaps://127.0.0.1:636 (certificate for AD_HOST_NAME, signed by caFile). */
  ldapsUrl: string;
  /** ldap://127.0.0.1:389 (simple binds need TLS here: StartTLS or ldaps). */
  ldapUrl: string;
  /** Global Catalog over TLS. */
  gcUrl: string;
  caFile: string;
  servername: string;
  baseDn: string;
  peopleDn: string;
  adminDn: string;
  adminPassword: string;
  facts: AdFacts;
  /** Seconds each phase took (provision, load, start). */
  timings: Record<string, number>;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A server a test run left behind when it was killed: its samba (by the pidfile in its folder,
 * only if that process is a samba) is stopped and the folder removed.
 */
async function cleanUpAfter(dir: string): Promise<void> {
  if (!dir.startsWith(join(tmpdir(), "clientele-samba-ad-"))) return;
  const pidFile = join(dir, "samba.pid");
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8").trim()) : 0;
  let command = "";
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    // not running
  }
  if (pid && command.includes("samba")) {
    process.kill(pid, "SIGTERM");
    for (let i = 0; i < 100 && pidAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (pidAlive(pid)) process.kill(pid, "SIGKILL");
  }
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Takes the machine-wide lock (holder pid and server folder), waiting while a live process holds
 * it; a dead holder's lock is taken over after cleaning up its server.
 */
async function acquireLock(dir: string, waitMs: number): Promise<void> {
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(AD_LOCK_FILE, "wx");
      writeFileSync(fd, `${process.pid}\n${dir}\n`);
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const [pidLine = "", holderDir = ""] = readFileSync(AD_LOCK_FILE, "utf8").split("\n");
      const holder = Number(pidLine.trim());
      if (!holder || !pidAlive(holder)) {
        await cleanUpAfter(holderDir.trim());
        rmSync(AD_LOCK_FILE, { force: true });
        continue;
      }
      if (Date.now() > until) {
        throw new Error(
          `Another Samba AD test server (pid ${holder}, lock ${AD_LOCK_FILE}) still holds ports 389/636 after ${waitMs} ms`,
        );
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

/** Provisions, loads and starts a Samba AD DC on 127.0.0.1; call destroy() when done. */
export async function startSambaAd(options: { count?: number; lockWaitMs?: number } = {}): Promise<SambaAd> {
  const samba = binary("samba");
  const sambaTool = binary("samba-tool");
  const ldbadd = binary("ldbadd");
  const ldbmodify = binary("ldbmodify");
  if (!existsSync("/usr/share/samba/setup/ad-schema"))
    throw new Error(`Samba's provisioning files are missing. ${INSTALL_HINT}`);
  if (process.getuid?.() !== 0) {
    throw new Error(
      "The Samba AD test server must run as root: samba binds ports 389 and 636 and keeps its database root-owned",
    );
  }
  const dir = mkdtempSync(join(tmpdir(), "clientele-samba-ad-"));
  try {
    await acquireLock(dir, options.lockWaitMs ?? 10 * 60_000);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const timings: Record<string, number> = {};
  let child: ReturnType<typeof spawn> | null = null;
  const conf = join(dir, "etc", "smb.conf");
  const release = () => {
    try {
      if (readFileSync(AD_LOCK_FILE, "utf8").split("\n")[0] === String(process.pid)) unlinkSync(AD_LOCK_FILE);
    } catch {
      // already gone
    }
  };
  try {
    if ((await portOpen(636)) || (await portOpen(389))) {
      throw new Error(
        "Something already listens on 127.0.0.1:389 or :636; the Samba AD test server needs both",
      );
    }
    let t = performance.now();
    await run(sambaTool, [
      "domain",
      "provision",
      `--realm=${AD_REALM}`,
      `--domain=${AD_DOMAIN}`,
      `--adminpass=${AD_ADMIN_PASSWORD}`,
      "--server-role=dc",
      "--dns-backend=NONE",
      "--use-rfc2307",
      "--host-name=dc1",
      `--targetdir=${dir}`,
      "--option=interfaces=lo",
      "--option=bind interfaces only=yes",
      "--option=server services=ldap",
      `--option=log file=${join(dir, "log.samba")}`,
      `--option=pid directory=${dir}`,
    ]);
    timings.provision = seconds(t);

    t = performance.now();
    const { ldif, facts } = adSeed(options.count);
    const adds = ldif.split("\n\n").filter((r) => r.trim() && !r.includes("changetype: modify"));
    const mods = ldif.split("\n\n").filter((r) => r.includes("changetype: modify"));
    writeFileSync(join(dir, "seed.ldif"), `${adds.join("\n\n")}\n\n`);
    writeFileSync(join(dir, "modify.ldif"), `${mods.join("\n\n")}\n\n`);
    const sam = join(dir, "private", "sam.ldb");
    await run(ldbadd, ["-H", sam, join(dir, "seed.ldif")], { maxBuffer: 64 * 1024 * 1024 });
    await run(ldbmodify, ["-H", sam, join(dir, "modify.ldif")]);
    timings.load = seconds(t);

    const server: SambaAd = {
      dir,
      ldapsUrl: "ldaps://127.0.0.1:636",
      ldapUrl: "ldap://127.0.0.1:389",
      gcUrl: "ldaps://127.0.0.1:3269",
      caFile: join(dir, "private", "tls", "ca.pem"),
      servername: AD_HOST_NAME,
      baseDn: AD_BASE_DN,
      peopleDn: AD_PEOPLE_DN,
      adminDn: AD_ADMIN_DN,
      adminPassword: AD_ADMIN_PASSWORD,
      facts,
      timings,
      async start() {
        if (child) return;
        child = spawn(samba, ["-i", "-M", "single", "-s", conf, "--debuglevel=0"], {
          stdio: ["ignore", "ignore", "pipe"],
        });
        let stderr = "";
        child.stderr?.on("data", (d) => {
          stderr += String(d);
        });
        const started = child;
        let exited = false;
        started.once("exit", () => {
          exited = true;
          if (child === started) child = null;
        });
        // Listening on 636 means the TLS keys exist and the LDAP service is up.
        for (;;) {
          if (exited) throw new Error(`samba exited during start: ${stderr.slice(-2000)}`);
          if ((await portOpen(636)) && existsSync(server.caFile)) return;
          await new Promise((r) => setTimeout(r, 200));
        }
      },
      async stop() {
        const running = child;
        if (!running) return;
        const gone = new Promise<void>((resolve) => running.once("exit", () => resolve()));
        running.kill("SIGTERM");
        const timer = setTimeout(() => running.kill("SIGKILL"), 5000);
        await gone;
        clearTimeout(timer);
        child = null;
      },
      async destroy() {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
        release();
      },
    };
    t = performance.now();
    await server.start();
    timings.start = seconds(t);
    return server;
  } catch (error) {
    if (child) (child as ReturnType<typeof spawn>).kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    release();
    throw error;
  }
}
