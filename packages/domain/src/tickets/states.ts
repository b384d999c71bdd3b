/**
 * Which tickets count as open for the backfill's "open tickets only".
 *
 * Standalone tables use OTOBO's default state ids in `ticket.ticket_state_id`: 1 new, 4 open,
 * 6 pending reminder, 7 pending auto close+, 8 pending auto close- are open; 2 closed successful,
 * 3 closed unsuccessful, 5 removed, 9 merged are not. This is OTOBO's `Ticket::ViewableStateType`
 * (state types new, open, pending reminder, pending auto): on an attached OTOBO database the same
 * question is answered by joining `ticket_state` → `ticket_state_type` on those type names.
 */
export const OPEN_STATE_IDS: readonly number[] = [1, 4, 6, 7, 8];
export const CLOSED_STATE_ID = 2;
export const VIEWABLE_STATE_TYPES: readonly string[] = ["new", "open", "pending reminder", "pending auto"];

/** Not closed, removed or merged (`Ticket.open`), by the standalone state ids above. */
export const isOpenTicket = (t: { stateId: number }): boolean => OPEN_STATE_IDS.includes(t.stateId);
