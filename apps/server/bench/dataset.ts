/**
 * A throwaway PostgreSQL database with OTOBO-shaped customer users and customers, generated in the
 * database itself (`INSERT … SELECT generate_series`), for the scale benchmark. The name
 * distribution is skewed like a real directory: `john` in about 5% of the users, `smith` in about
 * 4%, `*ller*` (Müller, Miller, Keller, …) in about 4%, `anna` (Anna, Hanna, Johanna, …) in about
 * 2%, a rare last name in 10 users, and a long tail of generated names. Logins are `first.last` with
 * a number, as many directories have them, so a first name clusters in login order.
 */
import { performance } from "node:perf_hooks";
import { createTestDatabase } from "@clientele/domain/testing";
import postgres from "postgres";

export interface DatasetOptions {
  users: number;
  customers: number;
}

export interface Dataset {
  databaseUrl: string;
  users: number;
  customers: number;
  /** Seconds the generation took, VACUUM ANALYZE included. */
  seconds: number;
  drop(): Promise<void>;
  /** Closes the connections and keeps the database (`--keep`). */
  keep(): Promise<void>;
}

/** Names with their share per 1000 users; the rest of the 1000 slots are filled from the tail. */
const FIRST_NAMES: Array<[string, number]> = [
  ["John", 48],
  ["Michael", 30],
  ["Maria", 25],
  ["David", 22],
  ["Anna", 12],
  ["Hanna", 3],
  ["Johanna", 3],
  ["Susanna", 2],
  ["Peter", 20],
  ["Thomas", 20],
  ["Sarah", 18],
  ["Laura", 15],
  ["Jan", 15],
  ["Lukas", 12],
  ["Sophie", 12],
  ["Emma", 12],
  ["Chloé", 5],
  ["Jürgen", 5],
];
const LAST_NAMES: Array<[string, number]> = [
  ["Smith", 32],
  ["Smithers", 4],
  ["Müller", 15],
  ["Miller", 12],
  ["Keller", 6],
  ["Heller", 3],
  ["Fuller", 2],
  ["Johnson", 8],
  ["Schmidt", 15],
  ["Jansen", 12],
  ["de Vries", 12],
  ["Weber", 10],
  ["Bakker", 10],
  ["Novak", 8],
  ["Okafor", 5],
  ["García", 10],
];
/** Syllables the long tail of names is made of (none of them forms one of the terms above). */
const SYLLABLES = ["ka", "ri", "to", "me", "su", "ba", "lo", "ne", "vi", "de", "ro", "ta", "pe", "gu", "fi"];

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A 1000-slot SQL array: the weighted names, then tail names built from syllables. */
function slots(names: Array<[string, number]>, tailSyllables: number): string {
  const out: string[] = [];
  for (const [name, weight] of names) for (let i = 0; i < weight; i++) out.push(sqlText(name));
  const n = SYLLABLES.length;
  for (let i = 0; out.length < 1000; i++) {
    let name = "";
    for (let s = 0, k = i; s < tailSyllables; s++, k = Math.floor(k / n)) name += SYLLABLES[k % n];
    out.push(sqlText(name.charAt(0).toUpperCase() + name.slice(1)));
  }
  return `ARRAY[${out.join(",")}]::text[]`;
}

export const RARE_LAST_NAME = "Quaresma";
export const ABSENT_TERM = "xqzv";

/** Creates the database (Clientele's standalone layout), fills it and runs VACUUM ANALYZE. */
export async function createDataset(options: DatasetOptions): Promise<Dataset> {
  const started = performance.now();
  const database = await createTestDatabase({ driver: "postgres" });
  if (!database.url) throw new Error("The scale benchmark needs PostgreSQL.");
  await database.close();
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  try {
    const { users, customers } = options;
    // Building the indexes once after the load is several times faster than maintaining them per row.
    const indexes = await sql<{ name: string; definition: string }[]>`
      select indexname as name, indexdef as definition from pg_indexes
      where schemaname = 'public' and tablename in ('customer_user', 'customer_company')
        and indexname not in (select conname from pg_constraint)`;
    // Their statistics targets (search-indexes.ts: 1000 on the search text), which a recreated
    // index would not have: ALTER INDEX … SET STATISTICS is not part of its definition.
    const targets = await sql<{ name: string; column: number; target: number }[]>`
      select c.relname as name, a.attnum::int as column, a.attstattarget::int as target
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_index i on i.indexrelid = c.oid
      where i.indrelid in ('public.customer_user'::regclass, 'public.customer_company'::regclass)
        and a.attstattarget > 0`;
    for (const index of indexes) await sql.unsafe(`DROP INDEX ${index.name}`);
    const audit = "now(), 1, now(), 1";
    await sql.unsafe(`SELECT setseed(0.42)`);
    await sql.unsafe(`
      INSERT INTO customer_company (customer_id, name, street, zip, city, country, url, comments, valid_id,
                                    create_time, create_by, change_time, change_by)
      SELECT 'cust' || lpad(g::text, 5, '0'), 'Company ' || g || ' ' || (${slots(LAST_NAMES, 3)})[1 + g % 1000],
             g || ' Main Street', lpad((g % 99999)::text, 5, '0'), 'City ' || (g % 500), 'Country', '', '',
             CASE WHEN g % 40 = 0 THEN 2 ELSE 1 END, ${audit}
      FROM generate_series(1, ${customers}) g`);
    await sql.unsafe(`
      INSERT INTO customer_user (login, email, customer_id, pw, title, first_name, last_name, phone, fax,
                                 mobile, street, zip, city, country, comments, valid_id,
                                 create_time, create_by, change_time, change_by)
      SELECT lower(f || '.' || l) || g, lower(f || '.' || l) || g || '@' || c || '.example',
             c, NULL, '', f, l, '+31 20 ' || lpad((g % 10000000)::text, 7, '0'), '', '',
             g || ' Side Street', lpad((g % 99999)::text, 5, '0'), 'City ' || (g % 500), 'Country', '', v,
             ${audit}
      FROM (
        SELECT g,
               (${slots(FIRST_NAMES, 2)})[1 + floor(random() * 1000)::int] AS f,
               CASE WHEN g % ${Math.max(1, Math.floor(users / 10))} = 7 THEN ${sqlText(RARE_LAST_NAME)}
                    ELSE (${slots(LAST_NAMES, 3)})[1 + floor(random() * 1000)::int] END AS l,
               'cust' || lpad((1 + floor(random() * ${customers})::int)::text, 5, '0') AS c,
               CASE WHEN random() < 0.04 THEN 2 WHEN random() < 0.01 THEN 3 ELSE 1 END AS v
        FROM generate_series(1, ${users}) g
      ) s`);
    // Recreated in parallel on two connections: the GIN builds dominate.
    const pending = [...indexes];
    const worker = async () => {
      for (let index = pending.shift(); index; index = pending.shift()) await sql.unsafe(index.definition);
    };
    await Promise.all([worker(), worker()]);
    for (const { name, column, target } of targets) {
      await sql.unsafe(`ALTER INDEX ${name} ALTER COLUMN ${column} SET STATISTICS ${target}`);
    }
    // VACUUM sets the visibility map (index-only scans) as autovacuum would after a bulk load.
    await sql.unsafe(`VACUUM ANALYZE customer_user`);
    await sql.unsafe(`VACUUM ANALYZE customer_company`);
  } catch (error) {
    await sql.end();
    await database.drop();
    throw error;
  }
  await sql.end();
  return {
    databaseUrl: database.url,
    users: options.users,
    customers: options.customers,
    seconds: (performance.now() - started) / 1000,
    drop: () => database.drop(),
    keep: () => database.close(),
  };
}
