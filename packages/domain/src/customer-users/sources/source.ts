import type { BackendConfig } from "../../config/backends";
import type { Db } from "../../db/client";
import type { SearchQuery } from "../../search/search-syntax";
import type { Position } from "../../shared/cursor";

import type { ValidId } from "../../shared/valid";

export type { ValidId };

/**
 * One customer user as a backend delivers it: every map attribute by its OTOBO name
 * (`UserLogin`, `UserFirstname`, … and custom ones such as `UserRoom`).
 */
export interface CustomerUserRecord {
  /** Backend id (`CustomerUser`, `CustomerUser1`, …). */
  source: string;
  readOnly: boolean;
  login: string;
  validId: ValidId;
  attributes: Record<string, string | null>;
  createdAt: Date | null;
  changedAt: Date | null;
}

export interface SourceSearchParams {
  /** Parsed free-text search; null lists everything. */
  query: SearchQuery | null;
  /** Primary customer id; exact, `*` is a wildcard. */
  customerId?: string | null;
  /** Only users in this valid state; null for all. */
  validId?: ValidId | null;
  /** Maximum number of records to return. */
  limit: number;
  /** Only records after this position in the login order (keyset paging); null from the start. */
  after?: Position | null;
  /**
   * The only map attributes the caller reads (a projection); the records may leave out every other
   * attribute and the audit times. Null or absent: complete records.
   */
  attributes?: readonly string[] | null;
}

export interface SourceSearchResult {
  /** Sorted by login, case-insensitively; at most `limit` records. */
  records: CustomerUserRecord[];
  /** True when more records matched than were returned. */
  limitReached: boolean;
}

export interface SourceHealth {
  ok: boolean;
  message: string | null;
  checkedAt: Date;
}

/** Values of a write, by OTOBO attribute name. The password never travels here: see setPasswordHash. */
export type CustomerUserValues = Record<string, string | null>;

/**
 * A customer-user backend (DB table or LDAP directory). The facade merges them; resolvers and the
 * UI never see which kind a user came from except through `source`.
 */
export interface CustomerUserSource {
  readonly id: string;
  readonly config: BackendConfig;
  readonly readOnly: boolean;

  search(params: SourceSearchParams): Promise<SourceSearchResult>;
  /** Exact login, case-insensitive in the DB backend. */
  findByLogin(login: string): Promise<CustomerUserRecord | null>;
  /** Batch lookup for DataLoaders; unknown logins are simply absent. */
  findByLogins(logins: readonly string[]): Promise<CustomerUserRecord[]>;
  /**
   * Users whose primary customer id is one of `customerIds` (case-insensitive), sorted by login, after
   * `after`; at least `perCustomer` per customer id when that many exist (more may come back). One
   * round trip for any number of customers: the loader of `Customer.customerUsers` calls it.
   */
  findByCustomerIds(
    customerIds: readonly string[],
    options: { after: Position | null; perCustomer: number },
  ): Promise<CustomerUserRecord[]>;
  /** OTOBO's PostMasterSearch: exact email, case-insensitive, across the post-master fields. */
  findByEmail(email: string): Promise<CustomerUserRecord[]>;
  /** Verifies the password (hash check or LDAP bind). Null on wrong credentials, never throws for them. */
  authenticate(login: string, password: string): Promise<CustomerUserRecord | null>;
  health(): Promise<SourceHealth>;

  /** Writes exist only on writable backends; they run inside the caller's transaction. */
  readonly writer?: CustomerUserWriter;
}

export interface CustomerUserWriter {
  insert(tx: Db, values: CustomerUserValues, actorId: number): Promise<void>;
  /** Updates the row found by `login` (case-insensitive); values may rename it. */
  update(tx: Db, login: string, values: CustomerUserValues, actorId: number): Promise<void>;
  setPasswordHash(tx: Db, login: string, hash: string | null): Promise<void>;
  /**
   * Locks the row for the rest of the transaction and reads it as it is now (null: not found), so an
   * update merges its changes onto the current values, never onto a copy read before the lock.
   */
  lockForUpdate(tx: Db, login: string): Promise<CustomerUserRecord | null>;
  /** Renames every primary customer id (customer rename cascade), written by `actorId`. */
  renameCustomerId(tx: Db, from: string, to: string, actorId: number): Promise<void>;
}
