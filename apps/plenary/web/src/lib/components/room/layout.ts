// What goes where in the video room (R09): the one with the floor large and, pinned beside them at all times, the
// sign-language interpreter; the chamber's other cameras; every remote participant in the grid. On a member's device
// the room's overview stands in for a speaker in the chamber; the chamber's screen (/room) shows no chamber camera
// but the interpreter's, so the room sees the interpreter too.
export interface LaidOut<T> {
  speaker: T | null;
  /** Pinned beside the speaker, never moved into the grid or replaced by the speaker. */
  interpreter: T | null;
  chamber: T[];
  people: T[];
}

export function roomLayout<
  T extends { source: string; kind: 'remote' | 'chamber'; interpreter: boolean },
>(streams: readonly T[], speakerId: string | null, screen: boolean): LaidOut<T> {
  const interpreter = streams.find((s) => s.interpreter) ?? null;
  const chamber = streams.filter((s) => s.kind === 'chamber' && s !== interpreter);
  const people = streams.filter((s) => s.kind === 'remote' && s !== interpreter);
  const speaker =
    people.find((p) => p.source === speakerId) ??
    (screen ? null : (chamber.find((c) => c.source === 'chamber:salen') ?? null));
  return { speaker, interpreter, chamber: screen ? [] : chamber, people };
}
