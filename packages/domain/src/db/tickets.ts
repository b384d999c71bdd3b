import { sql } from "drizzle-orm";
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

/** Re-points OTOBO's tickets after a rename, inside the rename's transaction, as OTOBO's event modules do. */
export async function repointTickets(tx: Db, change: TicketRepoint): Promise<void> {
  // The `ticket` table exists when Clientele is attached to an OTOBO or Znuny installation.
  if (!(await tableExists(tx, "public.ticket"))) return;
  if (change.customerId) {
    const [from, to] = change.customerId;
    if (from !== to) {
      await tx.execute(
        sql`update ticket set customer_id = ${to}, change_time = current_timestamp, change_by = ${change.actorId} where customer_id = ${from}`,
      );
    }
  }
  if (change.customerUser) {
    const { from, to } = change.customerUser;
    if (from.login !== to.login || from.customerId !== to.customerId) {
      await tx.execute(
        sql`update ticket set customer_user_id = ${to.login}, customer_id = ${to.customerId}, change_time = current_timestamp, change_by = ${change.actorId}
            where customer_user_id = ${from.login} and customer_id = ${from.customerId}`,
      );
    }
  }
}
