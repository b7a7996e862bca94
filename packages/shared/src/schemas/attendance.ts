// Commands of the attendance module (filled in by its issue).
import { z } from 'zod';

export const attendanceCommandSchemas = [
  z.strictObject({ type: z.literal('attendancePlaceholder') }),
] as const;
