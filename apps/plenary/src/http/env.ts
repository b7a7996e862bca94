// Typed Hono context variables shared by plenary's routes.
import type { PersonRow } from '../db/auth.repo.ts';

export interface PlenaryEnv {
  Variables: {
    requestId: string;
    person: PersonRow | null;
  };
}
