CREATE TABLE "clientele_backfill_job" (
	"id" serial PRIMARY KEY NOT NULL,
	"scope_kind" varchar(20) NOT NULL,
	"scope_value" varchar(250),
	"open_only" boolean DEFAULT true NOT NULL,
	"state" varchar(20) NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"last_ticket_id" bigint DEFAULT 0 NOT NULL,
	"error" text,
	"created_by" integer NOT NULL,
	"created_at" timestamp (3) DEFAULT now() NOT NULL,
	"started_at" timestamp (3),
	"finished_at" timestamp (3),
	"changed_at" timestamp (3) DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dynamic_field" (
	"id" serial PRIMARY KEY NOT NULL,
	"internal_field" smallint DEFAULT 0 NOT NULL,
	"name" varchar(200) NOT NULL,
	"label" varchar(200) NOT NULL,
	"field_order" integer NOT NULL,
	"field_type" varchar(200) NOT NULL,
	"object_type" varchar(100) NOT NULL,
	"config" text,
	"valid_id" smallint DEFAULT 1 NOT NULL,
	"create_time" timestamp (3) DEFAULT now() NOT NULL,
	"create_by" integer DEFAULT 1 NOT NULL,
	"change_time" timestamp (3) DEFAULT now() NOT NULL,
	"change_by" integer DEFAULT 1 NOT NULL,
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
CREATE TABLE "ticket" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tn" varchar(50) NOT NULL,
	"title" varchar(255),
	"ticket_state_id" smallint DEFAULT 1 NOT NULL,
	"customer_id" varchar(150),
	"customer_user_id" varchar(250),
	"create_time" timestamp (3) DEFAULT now() NOT NULL,
	"create_by" integer DEFAULT 1 NOT NULL,
	"change_time" timestamp (3) DEFAULT now() NOT NULL,
	"change_by" integer DEFAULT 1 NOT NULL,
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
	"create_time" timestamp (3) DEFAULT now() NOT NULL,
	"create_by" integer DEFAULT 1 NOT NULL,
	"change_time" timestamp (3) DEFAULT now() NOT NULL,
	"change_by" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_history_type" (
	"id" "smallserial" PRIMARY KEY NOT NULL,
	"name" varchar(200) NOT NULL,
	"comments" varchar(250),
	"valid_id" smallint DEFAULT 1 NOT NULL,
	"create_time" timestamp (3) DEFAULT now() NOT NULL,
	"create_by" integer DEFAULT 1 NOT NULL,
	"change_time" timestamp (3) DEFAULT now() NOT NULL,
	"change_by" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "ticket_history_type_name" UNIQUE("name")
);
--> statement-breakpoint
CREATE INDEX "dynamic_field_value_field_values" ON "dynamic_field_value" USING btree ("object_id","field_id");--> statement-breakpoint
CREATE INDEX "dynamic_field_value_search_date" ON "dynamic_field_value" USING btree ("field_id","value_date");--> statement-breakpoint
CREATE INDEX "dynamic_field_value_search_int" ON "dynamic_field_value" USING btree ("field_id","value_int");--> statement-breakpoint
CREATE INDEX "ticket_customer_id" ON "ticket" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "ticket_customer_user_id_lower" ON "ticket" USING btree (lower("customer_user_id"));--> statement-breakpoint
CREATE INDEX "ticket_title_trgm" ON "ticket" USING gin (lower("title") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "ticket_history_ticket_id" ON "ticket_history" USING btree ("ticket_id");
--> statement-breakpoint
-- The OTOBO history types Clientele writes; the code looks them up by name, as OTOBO does.
INSERT INTO "ticket_history_type" ("name", "comments") VALUES
  ('NewTicket', 'Ticket creation.'),
  ('CustomerUpdate', 'Updated the customer of a ticket.'),
  ('Misc', 'Miscellaneous.'),
  ('TicketDynamicFieldUpdate', 'Updated a dynamic field of a ticket.')
  ON CONFLICT DO NOTHING;
