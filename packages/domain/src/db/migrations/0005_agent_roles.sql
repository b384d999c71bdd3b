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
CREATE TABLE "user_preferences" (
	"user_id" integer NOT NULL,
	"preferences_key" varchar(150) NOT NULL,
	"preferences_value" text
);
--> statement-breakpoint
ALTER TABLE "clientele_api_token" ADD COLUMN "role" varchar(20) DEFAULT 'ADMIN' NOT NULL;--> statement-breakpoint
ALTER TABLE "clientele_api_token" ADD COLUMN "expires_at" timestamp (3);--> statement-breakpoint
ALTER TABLE "clientele_api_token" ADD COLUMN "revoked_at" timestamp (3);--> statement-breakpoint
ALTER TABLE "clientele_session" ADD COLUMN "last_seen_at" timestamp (3) DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "group_user_group_id" ON "group_user" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "group_user_user_id" ON "group_user" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_preferences_user_id" ON "user_preferences" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "clientele_session_agent" ON "clientele_session" USING btree ("agent_id");--> statement-breakpoint
-- Roles live in OTOBO's group_user: membership of the group `admin`. The group exists in OTOBO's initial
-- data (and in 0002_seed); root@localhost, the admin of earlier versions, keeps full rights.
INSERT INTO "groups_table" ("name", "comments", "valid_id", "create_time", "create_by", "change_time", "change_by")
  SELECT 'admin', 'Group of all administrators.', 1, now(), 1, now(), 1
  WHERE NOT EXISTS (SELECT 1 FROM "groups_table" WHERE "name" = 'admin');--> statement-breakpoint
INSERT INTO "group_user" ("user_id", "group_id", "permission_key", "create_time", "create_by", "change_time", "change_by")
  SELECT u."id", g."id", 'rw', now(), 1, now(), 1
  FROM "users" u, "groups_table" g
  WHERE u."login" = 'root@localhost' AND g."name" = 'admin'
    AND NOT EXISTS (SELECT 1 FROM "group_user" gu WHERE gu."user_id" = u."id" AND gu."group_id" = g."id" AND gu."permission_key" = 'rw');
