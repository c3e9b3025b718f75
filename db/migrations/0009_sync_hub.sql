CREATE TABLE "external_systems" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "external_systems_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"type" text NOT NULL,
	"api_url" text NOT NULL,
	"username" text,
	"api_key_encrypted" text,
	"password_encrypted" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"sync_interval_seconds" integer DEFAULT 300 NOT NULL,
	"cron_expression" text,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"cursor" jsonb,
	"last_sync_at" timestamp with time zone,
	"last_sync_status" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "external_systems_type_check" CHECK ("external_systems"."type" in ('jira','zendesk','project_library','supplier')),
	CONSTRAINT "external_systems_interval_check" CHECK ("external_systems"."sync_interval_seconds" between 60 and 604800)
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sync_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"system_id" integer,
	"system_name" text NOT NULL,
	"sync_type" text NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"total_count" integer DEFAULT 0 NOT NULL,
	"success_count" integer DEFAULT 0 NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"created_count" integer DEFAULT 0 NOT NULL,
	"updated_count" integer DEFAULT 0 NOT NULL,
	"unchanged_count" integer DEFAULT 0 NOT NULL,
	"request_count" integer DEFAULT 0 NOT NULL,
	"message" text,
	"error_detail" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"duration_ms" integer,
	"heartbeat_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_runs_counts_check" CHECK ("sync_runs"."total_count" = "sync_runs"."success_count" + "sync_runs"."failed_count")
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "work_orders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"system_id" integer NOT NULL,
	"external_id" text NOT NULL,
	"external_key" text NOT NULL,
	"external_url" text,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"raw_status" text NOT NULL,
	"priority" text,
	"raw_priority" text,
	"assignee" text,
	"requester" text,
	"due_at" timestamp with time zone,
	"external_created_at" timestamp with time zone,
	"external_updated_at" timestamp with time zone,
	"raw" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"note" text,
	"local_assignee" text,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "job_outbox" ADD COLUMN "event_id" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_system_id_external_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."external_systems"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_system_id_external_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."external_systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "external_systems_name_idx" ON "external_systems" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_active_idx" ON "sync_runs" USING btree ("system_id") WHERE "sync_runs"."status" in ('pending', 'processing') and "sync_runs"."sync_type" <> 'manual' and "sync_runs"."system_id" is not null;--> statement-breakpoint
CREATE INDEX "sync_runs_created_idx" ON "sync_runs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "sync_runs_system_created_idx" ON "sync_runs" USING btree ("system_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "work_orders_system_external_idx" ON "work_orders" USING btree ("system_id","external_id");--> statement-breakpoint
CREATE INDEX "work_orders_status_idx" ON "work_orders" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "work_orders_due_idx" ON "work_orders" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "work_orders_updated_idx" ON "work_orders" USING btree ("external_updated_at");--> statement-breakpoint
CREATE INDEX "work_orders_search_trgm_idx" ON "work_orders" USING gin (("external_key" || ' ' || "title") gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "job_outbox" ADD CONSTRAINT "job_outbox_event_id_unique" UNIQUE("event_id");