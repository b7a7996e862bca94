import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './apps/plenary/src/db/schema.ts',
  out: './migrations/plenary',
});
