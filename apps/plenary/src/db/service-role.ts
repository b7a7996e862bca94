// The PostgreSQL role the service runs as, when it is not the tables' owner (issue 11 item 4, docs/security.md): it
// may read and append the log and its signed heads but never change or remove them, and cannot disable the triggers
// (only the owner or a superuser can). Run by the owner: `npm run db:migrate -- --service-role <role>`.
import { sql } from 'drizzle-orm';
import { rowsOf } from '@council/db';
import type { PlenaryDb } from './client.ts';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** The statements, in order; `role` must be a plain lower-case identifier. */
export function serviceRoleGrants(role: string): string[] {
  if (!IDENTIFIER.test(role))
    throw new RangeError(`service role: '${role}' is not a plain lower-case identifier`);
  return [
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    `REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${role}`,
    // The log and its signed heads: read and append only.
    `REVOKE UPDATE, DELETE ON sitting_event, sitting_head_signature FROM ${role}`,
    // The head moves forward with each batch (its trigger checks it names a logged event) and is never removed.
    `REVOKE DELETE ON sitting_head FROM ${role}`,
    // Start-up checks that the migrations are applied.
    `GRANT USAGE ON SCHEMA drizzle TO ${role}`,
    `GRANT SELECT ON drizzle.__drizzle_migrations TO ${role}`,
  ];
}

/** Grant the service role its rights; refuses a superuser or the tables' owner (they could disable the triggers). */
export async function grantServiceRole(db: PlenaryDb, role: string): Promise<void> {
  const statements = serviceRoleGrants(role);
  const rows = rowsOf<{ super: boolean; owner: boolean }>(
    await db.execute(
      sql`select r.rolsuper as super, pg_has_role(${role}, t.tableowner, 'USAGE') as owner
          from pg_roles r, pg_tables t where r.rolname = ${role} and t.tablename = 'sitting_event'`,
    ),
  );
  const found = rows[0];
  if (!found) throw new Error(`service role: there is no role '${role}'`);
  if (found.super || found.owner)
    throw new Error(
      `service role: '${role}' is a superuser or (a member of) the tables' owner, and could disable the log's triggers`,
    );
  await db.transaction(async (tx) => {
    for (const s of statements) await tx.execute(sql.raw(s));
  });
}
