// Imported first by the page: zod compiles object parsers with `new Function`, which the Content-Security-Policy
// (script-src 'self', no 'unsafe-eval') forbids; even zod's probe for it is reported as a violation. Must run before
// any schema is built, so it is the entry's first import.
import { z } from 'zod';

z.config({ jitless: true });
