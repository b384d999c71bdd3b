import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

/** OTOBO's System Configuration tables as `scripts/database/otobo-schema.postgresql.sql` creates them. */
export const OTOBO_SYSCONFIG_DDL = `
CREATE TABLE sysconfig_default (
    id serial NOT NULL,
    name VARCHAR (250) NOT NULL,
    description TEXT NOT NULL,
    navigation VARCHAR (200) NOT NULL,
    is_invisible SMALLINT NOT NULL,
    is_readonly SMALLINT NOT NULL,
    is_required SMALLINT NOT NULL,
    is_valid SMALLINT NOT NULL,
    has_configlevel SMALLINT NOT NULL,
    user_modification_possible SMALLINT NOT NULL,
    user_modification_active SMALLINT NOT NULL,
    user_preferences_group VARCHAR (250) NULL,
    xml_content_raw TEXT NOT NULL,
    xml_content_parsed TEXT NOT NULL,
    xml_filename VARCHAR (250) NOT NULL,
    effective_value TEXT NOT NULL,
    is_dirty SMALLINT NOT NULL,
    exclusive_lock_guid VARCHAR (32) NOT NULL,
    exclusive_lock_user_id INTEGER NULL,
    exclusive_lock_expiry_time timestamp(0) NULL,
    create_time timestamp(0) NOT NULL,
    create_by INTEGER NOT NULL,
    change_time timestamp(0) NOT NULL,
    change_by INTEGER NOT NULL,
    PRIMARY KEY(id),
    CONSTRAINT sysconfig_default_name UNIQUE (name)
);
CREATE TABLE sysconfig_modified (
    id serial NOT NULL,
    sysconfig_default_id INTEGER NOT NULL,
    name VARCHAR (250) NOT NULL,
    user_id INTEGER NULL,
    is_valid SMALLINT NOT NULL,
    user_modification_active SMALLINT NOT NULL,
    effective_value TEXT NOT NULL,
    is_dirty SMALLINT NOT NULL,
    reset_to_default SMALLINT NOT NULL,
    create_time timestamp(0) NOT NULL,
    create_by INTEGER NOT NULL,
    change_time timestamp(0) NOT NULL,
    change_by INTEGER NOT NULL,
    PRIMARY KEY(id),
    CONSTRAINT sysconfig_modified_per_user UNIQUE (sysconfig_default_id, user_id)
);
CREATE TABLE sysconfig_modified_version (
    id serial NOT NULL,
    sysconfig_default_version_id INTEGER NOT NULL,
    name VARCHAR (250) NOT NULL,
    user_id INTEGER NULL,
    is_valid SMALLINT NOT NULL,
    user_modification_active SMALLINT NOT NULL,
    effective_value TEXT NOT NULL,
    reset_to_default SMALLINT NOT NULL,
    create_time timestamp(0) NOT NULL,
    create_by INTEGER NOT NULL,
    change_time timestamp(0) NOT NULL,
    change_by INTEGER NOT NULL,
    PRIMARY KEY(id)
);`;

/**
 * Creates OTOBO's sysconfig tables (unless `tables: false`: a TEST_DRIVER=otobo database has them)
 * and returns helpers that write rows the way OTOBO stores them.
 */
export async function createOtoboSysconfig(db: Db, options: { tables?: boolean } = {}) {
  if (options.tables !== false) await db.execute(sql.raw(OTOBO_SYSCONFIG_DDL));
  const ids = new Map<string, number>();
  return {
    /** A default setting from the XML files; `yaml` is the stored effective value. */
    async addDefault(name: string, yaml: string, valid: 0 | 1 = 1): Promise<number> {
      const result = (await db.execute(
        sql`insert into sysconfig_default (name, description, navigation, is_invisible, is_readonly,
              is_required, is_valid, has_configlevel, user_modification_possible, user_modification_active,
              user_preferences_group, xml_content_raw, xml_content_parsed, xml_filename, effective_value,
              is_dirty, exclusive_lock_guid, exclusive_lock_user_id, exclusive_lock_expiry_time,
              create_time, create_by, change_time, change_by)
            values (${name}, ${`${name} description`}, 'Core::Customer', 0, 0, 0, ${valid}, 0, 0, 0, null,
              ${`<Setting Name="${name}" Required="0" Valid="${valid}"></Setting>`}, ${`---\nName: ${name}\n`},
              'Framework.xml', ${yaml}, 0, '0', null, null, now(), 1, now(), 1)
            returning id`,
      )) as unknown;
      const rows = Array.isArray(result) ? result : (result as { rows: { id: number }[] }).rows;
      const id = Number((rows[0] as { id: number }).id);
      ids.set(name, id);
      return id;
    },
    /** A modification made in the admin interface (global: `user_id` null). */
    async modify(
      name: string,
      yaml: string,
      options: { valid?: 0 | 1; dirty?: 0 | 1; userId?: number | null; resetToDefault?: 0 | 1 } = {},
    ): Promise<void> {
      const id = ids.get(name);
      if (id === undefined) throw new Error(`no default ${name}`);
      await db.execute(
        sql`insert into sysconfig_modified (sysconfig_default_id, name, user_id, is_valid,
              user_modification_active, effective_value, is_dirty, reset_to_default,
              create_time, create_by, change_time, change_by)
            values (${id}, ${name}, ${options.userId ?? null}, ${options.valid ?? 1}, 0, ${yaml},
              ${options.dirty ?? 0}, ${options.resetToDefault ?? 0}, now(), 2, now(), 2)`,
      );
    },
    /** A deployed modification as kept by the deployment history. */
    async addVersion(name: string, yaml: string, valid: 0 | 1 = 1): Promise<void> {
      await db.execute(
        sql`insert into sysconfig_modified_version (sysconfig_default_version_id, name, user_id, is_valid,
              user_modification_active, effective_value, reset_to_default,
              create_time, create_by, change_time, change_by)
            values (1, ${name}, null, ${valid}, 0, ${yaml}, 0, now(), 2, now(), 2)`,
      );
    },
  };
}
