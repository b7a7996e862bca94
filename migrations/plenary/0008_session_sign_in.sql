ALTER TABLE "auth_session" ADD COLUMN "method" text DEFAULT 'password' NOT NULL;--> statement-breakpoint
ALTER TABLE "auth_session" ADD COLUMN "acr" text;