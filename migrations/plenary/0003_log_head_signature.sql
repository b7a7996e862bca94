CREATE TABLE "sitting_head_signature" (
	"sitting_id" text NOT NULL,
	"seq" integer NOT NULL,
	"hash" text NOT NULL,
	"signed_at" text NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL,
	CONSTRAINT "sitting_head_signature_sitting_id_seq_pk" PRIMARY KEY("sitting_id","seq")
);
--> statement-breakpoint
ALTER TABLE "sitting_head_signature" ADD CONSTRAINT "sitting_head_signature_sitting_id_sitting_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sitting"("id") ON DELETE no action ON UPDATE no action;