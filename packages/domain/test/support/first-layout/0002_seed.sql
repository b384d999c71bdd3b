-- OTOBO's valid states and base groups (scripts/database/otobo-initial_insert.xml).
INSERT INTO "valid" ("id", "name") VALUES (1, 'valid'), (2, 'invalid'), (3, 'invalid-temporarily')
  ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "groups_table" ("name", "comments") VALUES
  ('users', 'Group for default access.'),
  ('admin', 'Group of all administrators.'),
  ('stats', 'Group for statistics access.')
  ON CONFLICT DO NOTHING;
