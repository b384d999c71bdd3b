-- OTOBO's valid states and base groups (scripts/database/otobo-initial_insert.xml), written as
-- OTOBO writes them: every audit column named, created by agent 1.
INSERT INTO "valid" ("id", "name", "create_time", "create_by", "change_time", "change_by") VALUES
  (1, 'valid', now(), 1, now(), 1),
  (2, 'invalid', now(), 1, now(), 1),
  (3, 'invalid-temporarily', now(), 1, now(), 1)
  ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "groups_table" ("name", "comments", "valid_id", "create_time", "create_by", "change_time", "change_by") VALUES
  ('users', 'Group for default access.', 1, now(), 1, now(), 1),
  ('admin', 'Group of all administrators.', 1, now(), 1, now(), 1),
  ('stats', 'Group for statistics access.', 1, now(), 1, now(), 1)
  ON CONFLICT DO NOTHING;
