CREATE TABLE "notice_board_posting" (
	"id" text PRIMARY KEY NOT NULL,
	"sitting_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"posted_on" text NOT NULL,
	"removed_on" text NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"file_id" text,
	CONSTRAINT "notice_board_sitting_kind" UNIQUE("sitting_id","kind")
);
--> statement-breakpoint
CREATE TABLE "notice_dispatch" (
	"sitting_id" text NOT NULL,
	"person_id" text NOT NULL,
	"email" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"message_id" text,
	"error" text,
	CONSTRAINT "notice_dispatch_sitting_id_person_id_sent_at_pk" PRIMARY KEY("sitting_id","person_id","sent_at")
);
--> statement-breakpoint
CREATE TABLE "office_change" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "office_change_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"actor_id" text NOT NULL,
	"subject" text NOT NULL,
	"action" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "password_reset" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "stored_file" (
	"id" text PRIMARY KEY NOT NULL,
	"sitting_id" text NOT NULL,
	"item_id" text,
	"title" text NOT NULL,
	"filename" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agenda_item" ADD COLUMN "kind" text DEFAULT 'matter' NOT NULL;--> statement-breakpoint
ALTER TABLE "agenda_item" ADD COLUMN "details" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "body" ADD COLUMN "paragraph_series" text DEFAULT 'year' NOT NULL;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "demo_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "person" ADD COLUMN "last_login_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notice_board_posting" ADD CONSTRAINT "notice_board_posting_sitting_id_sitting_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sitting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_dispatch" ADD CONSTRAINT "notice_dispatch_sitting_id_sitting_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sitting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_dispatch" ADD CONSTRAINT "notice_dispatch_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_reset" ADD CONSTRAINT "password_reset_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_file" ADD CONSTRAINT "stored_file_sitting_id_sitting_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sitting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "office_change_subject" ON "office_change" USING btree ("subject");--> statement-breakpoint
CREATE INDEX "stored_file_sitting" ON "stored_file" USING btree ("sitting_id");