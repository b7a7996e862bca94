// drizzle-kit for the ballot-box store: npx drizzle-kit generate --config apps/ballot/drizzle.box.config.ts
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './apps/ballot/src/db/box.schema.ts',
  out: './migrations/ballot-box',
});
