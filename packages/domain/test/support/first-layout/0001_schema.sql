CREATE TABLE "clientele_api_token" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(191) NOT NULL,
	"token_hash" varchar(64) NOT NULL,
	"agent_id" integer NOT NULL,
	"created_at" timestamp (3) DEFAULT now() NOT NULL,
	"last_used_at" timestamp (3),
	CONSTRAINT "clientele_api_token_hash" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "clientele_audit_log" (
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
CREATE TABLE "clientele_session" (
	"token_hash" varchar(64) PRIMARY KEY NOT NULL,
	"agent_id" integer NOT NULL,
	"created_at" timestamp (3) DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clientele_setting" (
	"key" varchar(100) PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"changed_at" timestamp (3) DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_company" (
	"customer_id" varchar(150) PRIMARY KEY NOT NULL,
	"name" varchar(191) NOT NULL,
	"street" varchar(200),
	"zip" varchar(200),
	"city" varchar(200),
	"country" varchar(200),
	"url" varchar(200),
	"comments" varchar(250),
	"valid_id" smallint DEFAULT 1 NOT NULL,
	"create_time" timestamp (3) DEFAULT now() NOT NULL,
	"create_by" integer DEFAULT 1 NOT NULL,
	"change_time" timestamp (3) DEFAULT now() NOT NULL,
	"change_by" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "customer_company_name" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "customer_preferences" (
	"user_id" varchar(191) NOT NULL,
	"preferences_key" varchar(150) NOT NULL,
	"preferences_value" varchar(250),
	CONSTRAINT "customer_preferences_pk" PRIMARY KEY("user_id","preferences_key")
);
--> statement-breakpoint
CREATE TABLE "customer_user" (
	"id" serial PRIMARY KEY NOT NULL,
	"login" varchar(191) NOT NULL,
	"email" varchar(150) NOT NULL,
	"customer_id" varchar(150) NOT NULL,
	"pw" varchar(128),
	"title" varchar(50),
	"first_name" varchar(100) NOT NULL,
	"last_name" varchar(100) NOT NULL,
	"phone" varchar(150),
	"fax" varchar(150),
	"mobile" varchar(150),
	"street" varchar(150),
	"zip" varchar(200),
	"city" varchar(200),
	"country" varchar(200),
	"comments" varchar(250),
	"valid_id" smallint DEFAULT 1 NOT NULL,
	"create_time" timestamp (3) DEFAULT now() NOT NULL,
	"create_by" integer DEFAULT 1 NOT NULL,
	"change_time" timestamp (3) DEFAULT now() NOT NULL,
	"change_by" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "customer_user_login" UNIQUE("login")
);
--> statement-breakpoint
CREATE TABLE "customer_user_customer" (
	"user_id" varchar(100) NOT NULL,
	"customer_id" varchar(150) NOT NULL,
	"create_time" timestamp (3) DEFAULT now() NOT NULL,
	"create_by" integer DEFAULT 1 NOT NULL,
	"change_time" timestamp (3) DEFAULT now() NOT NULL,
	"change_by" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "customer_user_customer_pk" PRIMARY KEY("user_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "groups_table" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(191) NOT NULL,
	"comments" varchar(250),
	"valid_id" smallint DEFAULT 1 NOT NULL,
	"create_time" timestamp (3) DEFAULT now() NOT NULL,
	"create_by" integer DEFAULT 1 NOT NULL,
	"change_time" timestamp (3) DEFAULT now() NOT NULL,
	"change_by" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "groups_table_name" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "service" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(200) NOT NULL,
	"comments" varchar(250),
	"valid_id" smallint DEFAULT 1 NOT NULL,
	"create_time" timestamp (3) DEFAULT now() NOT NULL,
	"create_by" integer DEFAULT 1 NOT NULL,
	"change_time" timestamp (3) DEFAULT now() NOT NULL,
	"change_by" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "service_name" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"login" varchar(191) NOT NULL,
	"pw" varchar(128) NOT NULL,
	"title" varchar(50),
	"first_name" varchar(100) NOT NULL,
	"last_name" varchar(100) NOT NULL,
	"valid_id" smallint DEFAULT 1 NOT NULL,
	"create_time" timestamp (3) DEFAULT now() NOT NULL,
	"create_by" integer DEFAULT 1 NOT NULL,
	"change_time" timestamp (3) DEFAULT now() NOT NULL,
	"change_by" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "users_login" UNIQUE("login")
);
--> statement-breakpoint
CREATE TABLE "valid" (
	"id" smallint PRIMARY KEY NOT NULL,
	"name" varchar(191) NOT NULL,
	"create_time" timestamp (3) DEFAULT now() NOT NULL,
	"create_by" integer DEFAULT 1 NOT NULL,
	"change_time" timestamp (3) DEFAULT now() NOT NULL,
	"change_by" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "valid_name" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "group_customer" (
	"customer_id" varchar(150) NOT NULL,
	"group_id" integer NOT NULL,
	"permission_key" varchar(20) NOT NULL,
	"permission_value" smallint NOT NULL,
	"permission_context" varchar(100) NOT NULL,
	"create_time" timestamp (3) DEFAULT now() NOT NULL,
	"create_by" integer DEFAULT 1 NOT NULL,
	"change_time" timestamp (3) DEFAULT now() NOT NULL,
	"change_by" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "group_customer_pk" PRIMARY KEY("customer_id","group_id","permission_key","permission_context")
);
--> statement-breakpoint
CREATE TABLE "group_customer_user" (
	"user_id" varchar(100) NOT NULL,
	"group_id" integer NOT NULL,
	"permission_key" varchar(20) NOT NULL,
	"permission_value" smallint NOT NULL,
	"create_time" timestamp (3) DEFAULT now() NOT NULL,
	"create_by" integer DEFAULT 1 NOT NULL,
	"change_time" timestamp (3) DEFAULT now() NOT NULL,
	"change_by" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "group_customer_user_pk" PRIMARY KEY("user_id","group_id","permission_key")
);
--> statement-breakpoint
CREATE TABLE "service_customer_user" (
	"customer_user_login" varchar(191) NOT NULL,
	"service_id" integer NOT NULL,
	"create_time" timestamp (3) DEFAULT now() NOT NULL,
	"create_by" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "service_customer_user_pk" PRIMARY KEY("customer_user_login","service_id")
);
--> statement-breakpoint
ALTER TABLE "clientele_api_token" ADD CONSTRAINT "clientele_api_token_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clientele_session" ADD CONSTRAINT "clientele_session_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_customer" ADD CONSTRAINT "group_customer_group_id_groups_table_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups_table"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_customer_user" ADD CONSTRAINT "group_customer_user_group_id_groups_table_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups_table"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_customer_user" ADD CONSTRAINT "service_customer_user_service_id_service_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."service"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clientele_audit_log_entity" ON "clientele_audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "clientele_session_expires" ON "clientele_session" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_company_id_lower" ON "customer_company" USING btree (lower("customer_id"));--> statement-breakpoint
CREATE INDEX "customer_company_search_trgm" ON "customer_company" USING gin (lower("customer_id" || ' ' || "name") gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "customer_user_login_lower" ON "customer_user" USING btree (lower("login"));--> statement-breakpoint
CREATE INDEX "customer_user_email_lower" ON "customer_user" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "customer_user_customer_id" ON "customer_user" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "customer_user_login_trgm" ON "customer_user" USING gin (lower("login") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customer_user_first_name_trgm" ON "customer_user" USING gin (lower("first_name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customer_user_last_name_trgm" ON "customer_user" USING gin (lower("last_name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customer_user_customer_id_trgm" ON "customer_user" USING gin (lower("customer_id") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customer_user_email_trgm" ON "customer_user" USING gin (lower("email") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customer_user_customer_user_id" ON "customer_user_customer" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "customer_user_customer_customer_id" ON "customer_user_customer" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_login_lower" ON "users" USING btree (lower("login"));--> statement-breakpoint
CREATE INDEX "group_customer_group_id" ON "group_customer" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "group_customer_user_group_id" ON "group_customer_user" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "service_customer_user_service_id" ON "service_customer_user" USING btree ("service_id");