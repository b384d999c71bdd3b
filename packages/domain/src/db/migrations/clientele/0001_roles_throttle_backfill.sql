CREATE TABLE "clientele"."backfill_job" (
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
CREATE TABLE "clientele"."login_throttle" (
	"key" varchar(400) PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp (3) with time zone NOT NULL,
	"blocked_until" timestamp (3) with time zone,
	"lockouts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clientele"."api_token" ADD COLUMN "role" varchar(20) DEFAULT 'ADMIN' NOT NULL;--> statement-breakpoint
ALTER TABLE "clientele"."api_token" ADD COLUMN "expires_at" timestamp (3);--> statement-breakpoint
ALTER TABLE "clientele"."api_token" ADD COLUMN "revoked_at" timestamp (3);--> statement-breakpoint
ALTER TABLE "clientele"."session" ADD COLUMN "last_seen_at" timestamp (3) DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "clientele_session_agent" ON "clientele"."session" USING btree ("agent_id");