/**
 * OTOBO's and Clientele's `timestamp` columns (without time zone) hold UTC. Read with raw SQL,
 * drizzle's driver hands them over as text ("2026-11-30 12:14:50.123"), PGlite may hand over a
 * Date; JavaScript reads such text as the server's local time, which is off by the server's
 * offset (TZ=Europe/Amsterdam: an hour). The zone is added here, as drizzle's typed reads do.
 */
export function utcTimestamp(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(HAS_ZONE.test(text) ? text : `${text}+0000`);
}

/** Text that names its zone already (a `timestamptz` column): Z or an offset at its end. */
const HAS_ZONE = /(?:Z|[+-]\d\d(?::?\d\d)?)$/;
