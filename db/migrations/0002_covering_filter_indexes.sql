-- Carry created_at in the filter indexes (status + date, date): a filtered page sorted by creation
-- time is then chosen from the index alone, and only its 20 rows are read (lib/tickets/queries.ts).
DROP INDEX IF EXISTS "tickets_status_date_idx";--> statement-breakpoint
CREATE INDEX "tickets_status_date_idx" ON "tickets" USING btree ("status","appointment_date","id") INCLUDE ("created_at");--> statement-breakpoint
DROP INDEX IF EXISTS "tickets_date_idx";--> statement-breakpoint
CREATE INDEX "tickets_date_idx" ON "tickets" USING btree ("appointment_date","id") INCLUDE ("created_at");
