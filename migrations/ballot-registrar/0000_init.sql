CREATE TABLE "issuance" (
	"question_id" text NOT NULL,
	"member_id" text NOT NULL,
	"blinded" text NOT NULL,
	"blind_signature" text NOT NULL,
	"answer_signature" text NOT NULL,
	CONSTRAINT "issuance_question_id_member_id_pk" PRIMARY KEY("question_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "question" (
	"id" text PRIMARY KEY NOT NULL,
	"election_id" text NOT NULL,
	"status" text NOT NULL,
	"manifest" jsonb NOT NULL,
	"roll" jsonb NOT NULL,
	"bls_secret_key" text NOT NULL,
	"registrar_secret_key" text NOT NULL,
	"encrypted_shares" jsonb NOT NULL,
	"manifest_signatures" jsonb NOT NULL,
	"board" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "question_election_id_unique" UNIQUE("election_id")
);
--> statement-breakpoint
ALTER TABLE "issuance" ADD CONSTRAINT "issuance_question_id_question_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."question"("id") ON DELETE no action ON UPDATE no action;