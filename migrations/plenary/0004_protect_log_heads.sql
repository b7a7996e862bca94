-- Issue 11 item 4: the log's head and its signed heads are protected like the log. A role that is not the tables'
-- owner cannot disable these triggers; the owner can, which is what the signatures (key outside the database) catch.
CREATE OR REPLACE FUNCTION council_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER sitting_head_signature_no_update BEFORE UPDATE OR DELETE ON sitting_head_signature FOR EACH ROW EXECUTE FUNCTION council_append_only();
--> statement-breakpoint
CREATE TRIGGER sitting_head_signature_no_truncate BEFORE TRUNCATE ON sitting_head_signature FOR EACH STATEMENT EXECUTE FUNCTION council_append_only();
--> statement-breakpoint
-- A signed head names an event that is in the log with exactly that hash.
CREATE OR REPLACE FUNCTION sitting_head_signature_names_event() RETURNS trigger AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM sitting_event e WHERE e.sitting_id = NEW.sitting_id AND e.seq = NEW.seq AND e.hash = NEW.hash) THEN
    RAISE EXCEPTION 'sitting_head_signature: no event % with that hash in sitting %', NEW.seq, NEW.sitting_id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER sitting_head_signature_event BEFORE INSERT ON sitting_head_signature FOR EACH ROW EXECUTE FUNCTION sitting_head_signature_names_event();
--> statement-breakpoint
-- The head starts at the genesis, only moves forward, and always points at an event that is in the log.
CREATE OR REPLACE FUNCTION sitting_head_moves_forward() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.seq <> 0 OR NEW.hash <> repeat('0', 64) THEN
      RAISE EXCEPTION 'sitting_head: a head starts at seq 0 and the genesis hash' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.sitting_id <> OLD.sitting_id OR NEW.seq < OLD.seq THEN
    RAISE EXCEPTION 'sitting_head: the head of sitting % may only move forward (% to %)', OLD.sitting_id, OLD.seq, NEW.seq USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.seq <> OLD.seq OR NEW.hash <> OLD.hash THEN
    IF NOT EXISTS (SELECT 1 FROM sitting_event e WHERE e.sitting_id = NEW.sitting_id AND e.seq = NEW.seq AND e.hash = NEW.hash) THEN
      RAISE EXCEPTION 'sitting_head: no event % with that hash in sitting %', NEW.seq, NEW.sitting_id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER sitting_head_forward BEFORE INSERT OR UPDATE ON sitting_head FOR EACH ROW EXECUTE FUNCTION sitting_head_moves_forward();
--> statement-breakpoint
CREATE TRIGGER sitting_head_no_delete BEFORE DELETE ON sitting_head FOR EACH ROW EXECUTE FUNCTION council_append_only();
--> statement-breakpoint
CREATE TRIGGER sitting_head_no_truncate BEFORE TRUNCATE ON sitting_head FOR EACH STATEMENT EXECUTE FUNCTION council_append_only();
