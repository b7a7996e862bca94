-- The sitting event log is append-only: the database itself refuses UPDATE, DELETE and TRUNCATE.
CREATE OR REPLACE FUNCTION sitting_event_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'sitting_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER sitting_event_no_update BEFORE UPDATE OR DELETE ON sitting_event FOR EACH ROW EXECUTE FUNCTION sitting_event_append_only();
--> statement-breakpoint
CREATE TRIGGER sitting_event_no_truncate BEFORE TRUNCATE ON sitting_event FOR EACH STATEMENT EXECUTE FUNCTION sitting_event_append_only();
