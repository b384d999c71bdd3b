CREATE SCHEMA IF NOT EXISTS "clientele";
--> statement-breakpoint
CREATE TABLE "clientele"."api_token" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(191) NOT NULL,
	"token_hash" varchar(64) NOT NULL,
	"agent_id" integer NOT NULL,
	"created_at" timestamp (3) DEFAULT now() NOT NULL,
	"last_used_at" timestamp (3),
	CONSTRAINT "clientele_api_token_hash" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "clientele"."audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp (3) DEFAULT now() NOT NULL,
	"actor" varchar(191) NOT NULL,
	"entity_type" varchar(50) NOT NULL,
	"entity_id" varchar(191) NOT NULL,
	"action" varchar(50) NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "clientele"."session" (
	"token_hash" varchar(64) PRIMARY KEY NOT NULL,
	"agent_id" integer NOT NULL,
	"created_at" timestamp (3) DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clientele"."setting" (
	"key" varchar(100) PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"changed_at" timestamp (3) DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "clientele_audit_log_entity" ON "clientele"."audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "clientele_session_expires" ON "clientele"."session" USING btree ("expires_at");