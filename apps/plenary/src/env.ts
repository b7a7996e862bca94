// The only reader of process.env for plenary, parsed with zod.
import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be postgres://…')
    .optional(),
  /** The Ed25519 key that signs the log's heads: keep it outside DATA_DIR and the database's backups. */
  LOG_SIGNING_KEY_FILE: z.string().min(1).default('./keys/log-signing.pem'),
  /** false when DATABASE_URL's role is not the tables' owner: migrate with `npm run db:migrate` (docs/security.md). */
  DATABASE_MIGRATE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** R15: a remote member's heartbeat older than this is a lost connection. */
  ATTENDANCE_HEARTBEAT_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60_000).default(5000),
  /** Tests only: a file of milliseconds added to this process's clock (app/offset-clock.ts). Never in production. */
  TEST_CLOCK_OFFSET_FILE: z.string().min(1).optional(),
});

export type PlenaryEnvVars = z.infer<typeof schema>;

export function readEnv(env: NodeJS.ProcessEnv = process.env): PlenaryEnvVars {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return parsed.data;
}
