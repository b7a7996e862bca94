CREATE TABLE "ballot" (
	"election_id" text NOT NULL,
	"nonce" text NOT NULL,
	"signature" text NOT NULL,
	"payload" jsonb NOT NULL,
	CONSTRAINT "ballot_election_id_nonce_pk" PRIMARY KEY("election_id","nonce"),
	CONSTRAINT "ballot_election_signature_unique" UNIQUE("election_id","signature")
);
--> statement-breakpoint
CREATE TABLE "box_election" (
	"election_id" text PRIMARY KEY NOT NULL,
	"question_id" text NOT NULL,
	"bls_public_key" text NOT NULL,
	"box_secret_key" text NOT NULL,
	"status" text NOT NULL,
	CONSTRAINT "box_election_question_id_unique" UNIQUE("question_id")
);
--> statement-breakpoint
ALTER TABLE "ballot" ADD CONSTRAINT "ballot_election_id_box_election_election_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."box_election"("election_id") ON DELETE no action ON UPDATE no action;