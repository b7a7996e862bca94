CREATE TABLE "district" (
	"id" text PRIMARY KEY NOT NULL,
	"body_id" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seat_succession" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "seat_succession_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"seat_id" text NOT NULL,
	"member_id" text NOT NULL,
	"from_date" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	CONSTRAINT "seat_succession_day" UNIQUE("seat_id","from_date")
);
--> statement-breakpoint
ALTER TABLE "substitute" DROP CONSTRAINT "substitute_order";--> statement-breakpoint
ALTER TABLE "body" ADD COLUMN "mandate_from" text;--> statement-breakpoint
ALTER TABLE "body" ADD COLUMN "mandate_to" text;--> statement-breakpoint
ALTER TABLE "seat" ADD COLUMN "district_id" text;--> statement-breakpoint
ALTER TABLE "substitute" ADD COLUMN "district_id" text;--> statement-breakpoint
ALTER TABLE "district" ADD CONSTRAINT "district_body_id_body_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."body"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_succession" ADD CONSTRAINT "seat_succession_seat_id_seat_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."seat"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_succession" ADD CONSTRAINT "seat_succession_member_id_person_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat" ADD CONSTRAINT "seat_district_id_district_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."district"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "substitute" ADD CONSTRAINT "substitute_district_id_district_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."district"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "substitute" ADD CONSTRAINT "substitute_order" UNIQUE NULLS NOT DISTINCT("body_id","party_id","district_id","call_order");