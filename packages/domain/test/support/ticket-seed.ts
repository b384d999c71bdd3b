import { sql } from "drizzle-orm";
import type { Db } from "../../src/db/client";

/**
 * `users` customer users (`u0000`…, room `R-<n>`, customer ACME) and `tickets` tickets spread over
 * them in SQL; every tenth ticket is closed (state 2, "closed successful").
 */
export async function seedTickets(db: Db, users: number, tickets: number): Promise<void> {
  await db.execute(
    sql`insert into customer_company (customer_id, name, valid_id, create_time, create_by, change_time, change_by)
      values ('ACME', 'ACME Inc.', 1, now(), 1, now(), 1) on conflict do nothing`,
  );
  await db.execute(sql`
    insert into customer_user (login, email, customer_id, first_name, last_name, room, valid_id,
      create_time, create_by, change_time, change_by)
    select 'u' || lpad(n::text, 4, '0'), 'u' || n || '@clientele.test', 'ACME', 'User', 'No ' || n, 'R-' || n, 1,
      now(), 1, now(), 1
    from generate_series(0, ${users - 1}) n`);
  await db.execute(sql`
    insert into ticket (tn, title, ticket_state_id, customer_id, customer_user_id, create_time, create_by,
      change_time, change_by)
    select '2026010110' || lpad(n::text, 7, '0'), 'Ticket ' || n, case when n % 10 = 0 then 2 else 4 end,
           'ACME', 'u' || lpad((n % ${users})::text, 4, '0'), now(), 1, now(), 1
    from generate_series(1, ${tickets}) n`);
}
