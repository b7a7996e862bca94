ALTER TABLE "issuance" ADD COLUMN "member_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "issuance" ADD COLUMN "request_signature" text DEFAULT '' NOT NULL;