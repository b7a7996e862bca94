// drizzle-kit for the registrar store: npx drizzle-kit generate --config apps/ballot/drizzle.registrar.config.ts
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './apps/ballot/src/db/registrar.schema.ts',
  out: './migrations/ballot-registrar',
});
