/** A PostgreSQL identifier in double quotes, as drizzle's `sql.identifier` renders it. */
export const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;
