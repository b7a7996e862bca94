// The only reader of process.env for the ballot service, parsed with zod.
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  /** Reverse proxies whose X-Forwarded-* are believed, as for plenary (docs/security.md). */
  TRUSTED_PROXIES: z.string().default(''),
  DATA_DIR: z.string().min(1).default('.data/ballot'),
  /** Registrar database; PGlite under DATA_DIR when unset. */
  DATABASE_URL: z.string().url().optional(),
  /** Ballot-box database: in production a separate PostgreSQL cluster. */
  BOX_DATABASE_URL: z.string().url().optional(),
  /** Plenary's base URL; its roll-signing key comes from GET {PLENARY_URL}/api/public/keys. */
  PLENARY_URL: z.string().url().default('http://127.0.0.1:3000'),
});
export type BallotEnv = z.infer<typeof envSchema>;

export function readEnv(source: Record<string, string | undefined> = process.env): BallotEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(
      'Invalid ballot environment: ' +
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  return parsed.data;
}
