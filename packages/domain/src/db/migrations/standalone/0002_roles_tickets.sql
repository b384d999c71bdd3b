CREATE TABLE "dynamic_field" (
	"id" serial PRIMARY KEY NOT NULL,
	"internal_field" smallint DEFAULT 0 NOT NULL,
	"name" varchar(200) NOT NULL,
	"label" varchar(200) NOT NULL,
	"field_order" integer NOT NULL,
	"field_type" varchar(200) NOT NULL,
	"object_type" varchar(100) NOT NULL,
	"config" text,
	"valid_id" smallint NOT NULL,
	"create_time" timestamp (3) NOT NULL,
	"create_by" integer NOT NULL,
	"change_time" timestamp (3) NOT NULL,
	"change_by" integer NOT NULL,
	CONSTRAINT "dynamic_field_name" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "dynamic_field_value" (
	"id" serial PRIMARY KEY NOT NULL,
	"field_id" integer NOT NULL,
	"object_id" bigint NOT NULL,
	"value_text" varchar(3800),
	"value_date" timestamp (0),
	"value_int" bigint
);
--> statement-breakpoint
CREATE TABLE "group_user" (
	"user_id" integer NOT NULL,
	"group_id" integer NOT NULL,
	"permission_key" varchar(20) NOT NULL,
	"create_time" timestamp (0) NOT NULL,
	"create_by" integer NOT NULL,
	"change_time" timestamp (0) NOT NULL,
	"change_by" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tn" varchar(50) NOT NULL,
	"title" varchar(255),
	"ticket_state_id" smallint DEFAULT 1 NOT NULL,
	"queue_id" integer DEFAULT 1 NOT NULL,
	"type_id" smallint DEFAULT 1,
	"user_id" integer DEFAULT 1 NOT NULL,
	"ticket_priority_id" smallint DEFAULT 3 NOT NULL,
	"customer_id" varchar(150),
	"customer_user_id" varchar(250),
	"create_time" timestamp (3) NOT NULL,
	"create_by" integer NOT NULL,
	"change_time" timestamp (3) NOT NULL,
	"change_by" integer NOT NULL,
	CONSTRAINT "ticket_tn" UNIQUE("tn")
);
--> statement-breakpoint
CREATE TABLE "ticket_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" varchar(200) NOT NULL,
	"history_type_id" smallint NOT NULL,
	"ticket_id" bigint NOT NULL,
	"article_id" bigint,
	"type_id" smallint DEFAULT 1 NOT NULL,
	"queue_id" integer DEFAULT 1 NOT NULL,
	"owner_id" integer DEFAULT 1 NOT NULL,
	"priority_id" smallint DEFAULT 3 NOT NULL,
	"state_id" smallint DEFAULT 1 NOT NULL,
	"create_time" timestamp (3) NOT NULL,
	"create_by" integer NOT NULL,
	"change_time" timestamp (3) NOT NULL,
	"change_by" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_history_type" (
	"id" "smallserial" PRIMARY KEY NOT NULL,
	"name" varchar(200) NOT NULL,
	"comments" varchar(250),
	"valid_id" smallint NOT NULL,
	"create_time" timestamp (3) NOT NULL,
	"create_by" integer NOT NULL,
	"change_time" timestamp (3) NOT NULL,
	"change_by" integer NOT NULL,
	CONSTRAINT "ticket_history_type_name" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "user_preferences" (
	"user_id" integer NOT NULL,
	"preferences_key" varchar(150) NOT NULL,
	"preferences_value" text
);
--> statement-breakpoint
CREATE INDEX "dynamic_field_value_field_values" ON "dynamic_field_value" USING btree ("object_id","field_id");--> statement-breakpoint
CREATE INDEX "dynamic_field_value_search_date" ON "dynamic_field_value" USING btree ("field_id","value_date");--> statement-breakpoint
CREATE INDEX "dynamic_field_value_search_int" ON "dynamic_field_value" USING btree ("field_id","value_int");--> statement-breakpoint
CREATE INDEX "group_user_group_id" ON "group_user" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "group_user_user_id" ON "group_user" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "ticket_customer_id" ON "ticket" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "ticket_customer_user_id_lower" ON "ticket" USING btree (lower("customer_user_id"));--> statement-breakpoint
CREATE INDEX "ticket_title_trgm" ON "ticket" USING gin (lower("title") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "ticket_history_ticket_id" ON "ticket_history" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "user_preferences_user_id" ON "user_preferences" USING btree ("user_id");--> statement-breakpoint
-- Roles live in OTOBO's group_user: membership of the group `admin`. The group exists in OTOBO's initial
-- data (and in 0001_seed); root@localhost, the admin of earlier versions, keeps full rights.
INSERT INTO "groups_table" ("name", "comments", "valid_id", "create_time", "create_by", "change_time", "change_by")
  SELECT 'admin', 'Group of all administrators.', 1, now(), 1, now(), 1
  WHERE NOT EXISTS (SELECT 1 FROM "groups_table" WHERE "name" = 'admin');--> statement-breakpoint
INSERT INTO "group_user" ("user_id", "group_id", "permission_key", "create_time", "create_by", "change_time", "change_by")
  SELECT u."id", g."id", 'rw', now(), 1, now(), 1
  FROM "users" u, "groups_table" g
  WHERE u."login" = 'root@localhost' AND g."name" = 'admin'
    AND NOT EXISTS (SELECT 1 FROM "group_user" gu WHERE gu."user_id" = u."id" AND gu."group_id" = g."id" AND gu."permission_key" = 'rw');--> statement-breakpoint
-- The OTOBO history types Clientele writes; the code looks them up by name, as OTOBO does.
INSERT INTO "ticket_history_type" ("name", "comments", "valid_id", "create_time", "create_by", "change_time", "change_by") VALUES
  ('NewTicket', 'Ticket creation.', 1, now(), 1, now(), 1),
  ('CustomerUpdate', 'Updated the customer of a ticket.', 1, now(), 1, now(), 1),
  ('Misc', 'Miscellaneous.', 1, now(), 1, now(), 1),
  ('TicketDynamicFieldUpdate', 'Updated a dynamic field of a ticket.', 1, now(), 1, now(), 1)
  ON CONFLICT DO NOTHING;
