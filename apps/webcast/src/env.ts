// The only reader of process.env for the webcast when it runs alone.
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3003),
  /** Reverse proxies whose X-Forwarded-* are believed, as for plenary (docs/security.md). */
  TRUSTED_PROXIES: z.string().default(''),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('data'),
  PLENARY_URL: z.url().default('http://localhost:3000'),
  CHAMBER_SOURCE: z.string().min(1).optional(),
  FFMPEG_PATH: z.string().min(1).optional(),
  /** Several webcast nodes on one shared DATA_DIR: the PostgreSQL whose lock picks the one running the compositor. */
  DATABASE_URL: z.string().min(1).optional(),
});

export type WebcastEnv = z.infer<typeof envSchema>;

export function readEnv(env: NodeJS.ProcessEnv = process.env): WebcastEnv {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `webcast: bad environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
