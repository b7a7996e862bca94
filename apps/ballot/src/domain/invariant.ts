// The counting invariant (R22: every vote counted, none added): ballots ≤ issued ≤ eligible.
export interface Counts {
  eligible: number;
  issued: number;
  cast: number;
}

/** null when the invariant holds, else what is wrong. */
export function checkInvariant(c: Counts): string | null {
  if (c.issued > c.eligible)
    return `more signatures issued (${c.issued}) than eligible members (${c.eligible})`;
  if (c.cast > c.issued) return `more ballots (${c.cast}) than signatures issued (${c.issued})`;
  return null;
}

/** Committee warnings (issue 6: warn when fewer than 3 serve or the anonymity set is small). */
export function anonymityWarnings(eligible: number, issued: number, cast: number): string[] {
  const w: string[] = [];
  if (eligible < 3)
    w.push(
      `Only ${eligible} serve: a secret ballot with fewer than 3 voters cannot keep votes secret.`,
    );
  else if (eligible < 10) w.push(`Small anonymity set: only ${eligible} members are eligible.`);
  if (issued > 0 && issued === cast + 1 && issued < eligible) {
    w.push(
      'One issued signature is unused: a voter dropped out after issuance (counted as not voting).',
    );
  }
  return w;
}
