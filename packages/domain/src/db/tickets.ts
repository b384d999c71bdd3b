import { type SQL, sql } from "drizzle-orm";
import type { Db } from "./client";
import { tableExists } from "./layout";

export interface TicketRepoint {
  actorId: number;
  /** A customer's id changed: tickets of the old id move (CustomerCompany/Event/TicketUpdate.pm). */
  customerId?: [from: string, to: string];
  /**
   * A customer user's login or primary customer changed: tickets of the old login *and* old customer
   * id get both new values (CustomerUser/Event/TicketUpdate.pm).
   */
  customerUser?: { from: { login: string; customerId: string }; to: { login: string; customerId: string } };
}

/**
 * One re-pointing as OTOBO's TicketCustomerSet does it: the ticket's change time and agent, and a
 * `CustomerUpdate` line in the ticket's history naming the new values (when OTOBO's history tables
 * are there), all in one statement.
 */
async function setTicketCustomer(
  tx: Db,
  actorId: number,
  assignments: SQL,
  where: SQL,
  historyName: string,
  withHistory: boolean,
): Promise<void> {
  const update = sql`update ticket set ${assignments}, change_time = current_timestamp, change_by = ${actorId} where ${where}`;
  if (!withHistory) {
    await tx.execute(update);
    return;
  }
  // OTOBO stores history names of at most 200 characters.
  const name = `%%${historyName}`.slice(0, 200);
  await tx.execute(sql`with moved as (${update} returning id, type_id, queue_id, user_id, ticket_priority_id, ticket_state_id)
    insert into ticket_history (name, history_type_id, ticket_id, article_id, type_id, queue_id, owner_id,
      priority_id, state_id, create_time, create_by, change_time, change_by)
    select ${name}, t.id, moved.id, null, coalesce(moved.type_id, 1), moved.queue_id, moved.user_id,
      moved.ticket_priority_id, moved.ticket_state_id, current_timestamp, ${actorId}, current_timestamp, ${actorId}
    from moved join ticket_history_type t on t.name = 'CustomerUpdate'`);
}

/** Re-points OTOBO's tickets after a rename, inside the rename's transaction, as OTOBO's event modules do. */
export async function repointTickets(tx: Db, change: TicketRepoint): Promise<void> {
  // The `ticket` table exists when Clientele is attached to an OTOBO or Znuny installation.
  if (!(await tableExists(tx, "public.ticket"))) return;
  const withHistory =
    (await tableExists(tx, "public.ticket_history")) && (await tableExists(tx, "public.ticket_history_type"));
  if (change.customerId) {
    const [from, to] = change.customerId;
    if (from !== to) {
      await setTicketCustomer(
        tx,
        change.actorId,
        sql`customer_id = ${to}`,
        sql`customer_id = ${from}`,
        `CustomerID=${to};`,
        withHistory,
      );
    }
  }
  if (change.customerUser) {
    const { from, to } = change.customerUser;
    if (from.login !== to.login || from.customerId !== to.customerId) {
      await setTicketCustomer(
        tx,
        change.actorId,
        sql`customer_id = ${to.customerId}, customer_user_id = ${to.login}`,
        sql`customer_user_id = ${from.login} and customer_id = ${from.customerId}`,
        `CustomerID=${to.customerId};CustomerUser=${to.login};`,
        withHistory,
      );
    }
  }
}
