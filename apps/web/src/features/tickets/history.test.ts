import { expect, test } from "vitest";
import { readableHistory } from "./history";

const t = (key: string, o?: Record<string, unknown>) => `${key} ${JSON.stringify(o)}`;

test("a dynamic-field update names the field, the old and the new value", () => {
  expect(readableHistory("TicketDynamicFieldUpdate", "%%FieldName%%Room%%Value%%B-204%%OldValue%%", t)).toBe(
    'tickets.history.fieldUpdate {"field":"Room","value":"B-204","old":""}',
  );
});

test("a value that looks like a key does not confuse the order", () => {
  expect(readableHistory("TicketDynamicFieldUpdate", "%%FieldName%%Note%%Value%%Value%%OldValue%%x", t)).toBe(
    'tickets.history.fieldUpdate {"field":"Note","value":"Value","old":"x"}',
  );
});

test("other types show their parts", () => {
  expect(readableHistory("CustomerUpdate", "%%CustomerID=ACME;CustomerUser=anna;", t)).toBe(
    "CustomerID=ACME;CustomerUser=anna;",
  );
  expect(readableHistory("NewTicket", "%%2026112910000001%%Raw%%3 normal%%new%%1", t)).toBe(
    "2026112910000001 Raw 3 normal new 1",
  );
});
