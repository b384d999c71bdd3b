CREATE TABLE "clientele"."import_job" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" varchar(20) NOT NULL,
	"state" varchar(20) NOT NULL,
	"total" integer,
	"processed" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_line" integer DEFAULT 0 NOT NULL,
	"generated_passwords" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_by" integer NOT NULL,
	"created_at" timestamp (3) DEFAULT now() NOT NULL,
	"started_at" timestamp (3),
	"finished_at" timestamp (3),
	"changed_at" timestamp (3) DEFAULT now() NOT NULL
);
