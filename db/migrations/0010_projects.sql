CREATE TABLE "project_access_tokens" (
	"jti" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" text NOT NULL,
	"access_type" text NOT NULL,
	"user_id" text NOT NULL,
	"user_name" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_by" uuid,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "project_access_tokens_type_check" CHECK ("project_access_tokens"."access_type" in ('customer','engineer','salesman'))
);
--> statement-breakpoint
CREATE TABLE "project_status_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_status_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"source" text NOT NULL,
	"run_id" bigint,
	"notified" boolean NOT NULL,
	"remote_updated_at" timestamp with time zone,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" text PRIMARY KEY NOT NULL,
	"system_id" integer,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"customer_name" text NOT NULL,
	"phone_masked" text,
	"data" jsonb NOT NULL,
	"contacts_encrypted" text,
	"content_hash" text NOT NULL,
	"remote_updated_at" timestamp with time zone,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cached_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_type_check" CHECK ("projects"."type" in ('presale','aftersales','sales')),
	CONSTRAINT "projects_status_check" CHECK ("projects"."status" in ('pending','processing','resolved','shipped','completed'))
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_access_tokens" ADD CONSTRAINT "project_access_tokens_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_status_changes" ADD CONSTRAINT "project_status_changes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_status_changes" ADD CONSTRAINT "project_status_changes_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_system_id_external_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."external_systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_access_tokens_project_idx" ON "project_access_tokens" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "project_access_tokens_expires_idx" ON "project_access_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "project_status_changes_project_idx" ON "project_status_changes" USING btree ("project_id","detected_at");--> statement-breakpoint
CREATE INDEX "projects_expires_idx" ON "projects" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "projects_type_status_idx" ON "projects" USING btree ("type","status");--> statement-breakpoint
CREATE INDEX "projects_search_trgm_idx" ON "projects" USING gin (("id" || ' ' || "title" || ' ' || "customer_name") gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "external_systems_one_project_library_idx" ON "external_systems" USING btree ("type") WHERE "external_systems"."type" = 'project_library';