// Every command a client can send to a sitting, one discriminated union validated at the edge.
import { z } from 'zod';
import { sittingCommandSchemas } from './sitting.ts';
import { attendanceCommandSchemas } from './attendance.ts';
import { debateCommandSchemas } from './debate.ts';
import { decisionCommandSchemas } from './decision.ts';
import { minutesCommandSchemas } from './minutes.ts';
import { secretBallotCommandSchemas } from './secret-ballot.ts';

export const commandSchema = z.discriminatedUnion('type', [
  ...sittingCommandSchemas,
  ...attendanceCommandSchemas,
  ...debateCommandSchemas,
  ...decisionCommandSchemas,
  ...minutesCommandSchemas,
  ...secretBallotCommandSchemas,
]);
export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
