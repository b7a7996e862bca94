// The authorisation matrix (issue 11): who may send each sitting command and each state-changing route, read from the
// table in docs/security.md ("Roles and rights"), and the requests that try each cell against a started plenary.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { commandSchema, type Command, type CommandType } from '@council/shared';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import type { TestPlenary } from './plenary.ts';

/** The columns of the table, in order: each a kind of person, as the test plays them in the demo council. */
export const ROLES = [
  'anonymous',
  'public',
  'member not serving',
  'serving member for another',
  'serving member for themself',
  'uncalled substitute',
  'called-in substitute',
  'secretary',
  'chair',
  'administrator',
  'election committee',
] as const;
export type RoleColumn = (typeof ROLES)[number];

export const SECTION = '## Roles and rights';

/** Every command type of the shared schema, from the schema itself (a new command joins the matrix by existing). */
export function commandTypes(): CommandType[] {
  return commandSchema.options.map((o) => o.shape.type.value);
}

/** Every state-changing route of a Hono app (`METHOD /path/:param`), in declaration order, once each. */
export function stateChangingRoutes(app: Pick<Hono, 'routes'>): string[] {
  const out: string[] = [];
  for (const r of app.routes)
    if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method)) {
      const key = `${r.method} ${r.path}`;
      if (!out.includes(key)) out.push(key);
    }
  return out;
}

/**
 * `yes` / `no`: this kind of person may or may not. `proof`: the route takes no session at all — the right is a proof
 * in the request (a signature, a one-time token) — so every kind of person gets the same answer, and the test's request,
 * which carries no valid proof, is never accepted.
 */
export type Right = 'yes' | 'no' | 'proof';

export interface RightsTable {
  /** Row key (a command type, or `METHOD /path`) → the right of each role, in ROLES order. */
  rows: Map<string, Right[]>;
  problems: string[];
}

/** Parse the section's markdown table: `| \`row\` | yes | no | … |`, header naming ROLES in order. */
export function parseRightsTable(markdown: string): RightsTable {
  const problems: string[] = [];
  const rows = new Map<string, Right[]>();
  const start = markdown.indexOf(`\n${SECTION}\n`);
  if (start < 0) return { rows, problems: [`docs/security.md has no section "${SECTION}"`] };
  const rest = markdown.slice(start + SECTION.length + 2);
  const end = rest.search(/\n## /);
  const lines = (end < 0 ? rest : rest.slice(0, end)).split('\n').filter((l) => l.startsWith('|'));
  const cells = (line: string) =>
    line
      .slice(1, line.endsWith('|') ? -1 : undefined)
      .split('|')
      .map((c) => c.trim());
  const header = lines[0] ? cells(lines[0]).slice(1) : [];
  if (header.join(',') !== ROLES.join(','))
    problems.push(`the table's columns are ${header.join(', ')}, expected ${ROLES.join(', ')}`);
  for (const line of lines.slice(2)) {
    const [key, ...values] = cells(line);
    const name = key?.replace(/^`|`$/g, '') ?? '';
    if (values.length !== ROLES.length || values.some((v) => !['yes', 'no', 'proof'].includes(v))) {
      problems.push(`row ${name}: expected ${ROLES.length} cells of yes, no or proof`);
      continue;
    }
    if (rows.has(name)) problems.push(`row ${name} appears twice`);
    rows.set(name, values as Right[]);
  }
  return { rows, problems };
}

export function readRightsTable(): RightsTable {
  return parseRightsTable(
    readFileSync(join(import.meta.dirname, '../../docs/security.md'), 'utf8'),
  );
}

/** Who plays a column: a session (null: anonymous), the person they are, and whom person-naming commands name. */
export interface Persona {
  role: RoleColumn;
  cookie: string | null;
  username: string | null;
  password: string;
  personId: string | null;
  /** The person a command "for someone" names: themself, another member, or (the desk) a member on whose behalf. */
  subject: string;
}

/** What the payloads may look up: the sitting's state as the desk sees it. */
export interface MatrixContext {
  queueEntryOf(personId: string): string | null;
}

/** A bystander the desk's acts name (not one of the personas): acting on them changes no one's rights. */
const BYSTANDER = 'ledamot-30';

/**
 * A valid command of each type for this persona. Commands a member sends about themself name the persona's subject; the
 * desk's acts on a person name a bystander. Ids the command refers to are real where the right depends on them (a
 * speaker list entry's owner) and made up elsewhere: past the rights check, a made-up id is the module's NOT_FOUND.
 */
export function commandFor(type: CommandType, p: Persona, ctx: MatrixContext): Command {
  const s = p.subject;
  const reason = 'Prov av behörighet';
  const hex = 'ab'.repeat(32);
  const table: { [T in CommandType]: Extract<Command, { type: T }> } = {
    openSitting: { type: 'openSitting' },
    startItem: { type: 'startItem', itemId: 'i04' },
    adjourn: { type: 'adjourn', reason, resumesAt: null },
    resume: { type: 'resume' },
    closeSitting: { type: 'closeSitting' },
    handOutDocument: {
      type: 'handOutDocument',
      itemId: 'i04',
      document: { title: 'Bilaga', url: '/documents/bilaga.pdf' },
    },
    attachDocument: {
      type: 'attachDocument',
      itemId: 'i04',
      document: { title: 'Bilaga', url: '/documents/bilaga2.pdf' },
    },
    detachDocument: { type: 'detachDocument', itemId: 'i04', url: '/documents/ingen.pdf' },
    amendAgenda: {
      type: 'amendAgenda',
      items: [
        {
          id: 'i04',
          title: 'Ändrad rubrik',
          caseNumber: '',
          description: '',
          confidential: false,
          documents: [],
        },
      ],
    },
    applyForRemote: { type: 'applyForRemote', personId: s, reason },
    decideRemoteApplication: {
      type: 'decideRemoteApplication',
      personId: BYSTANDER,
      approve: false,
    },
    checkIn: {
      type: 'checkIn',
      selfTest: {
        camera: true,
        microphone: true,
        audioLevel: 0.5,
        roundTripMs: 40,
        privatePlace: true,
      },
    },
    confirmSeeHear: { type: 'confirmSeeHear' },
    startRollCall: { type: 'startRollCall' },
    markAttendance: { type: 'markAttendance', personId: BYSTANDER, mode: 'room' },
    confirmRollCall: { type: 'confirmRollCall', rollCallId: 'upprop-finns-inte' },
    assignSubstitute: {
      type: 'assignSubstitute',
      seatId: 'seat-finns-inte',
      personId: 'ersattare-09',
    },
    setAutoFill: { type: 'setAutoFill', on: true },
    changeServingNow: { type: 'changeServingNow', reason },
    // On an item that is never taken up here, so the subject stays serving on the current one.
    declareRecusal: { type: 'declareRecusal', itemId: 'i09', personId: s },
    allowRemoteConfidential: { type: 'allowRemoteConfidential', itemId: 'i07', reason },
    reportConnectionLost: {
      type: 'reportConnectionLost',
      personId: 'person-finns-inte',
      kind: 'heartbeat',
    },
    reportConnectionRestored: { type: 'reportConnectionRestored', personId: 'person-finns-inte' },
    expireTechFailure: { type: 'expireTechFailure', personId: 'person-finns-inte' },
    replaceForRecurringFailure: {
      type: 'replaceForRecurringFailure',
      personId: BYSTANDER,
      reason,
    },
    startFunctionCheck: { type: 'startFunctionCheck', seconds: 600 },
    confirmFunctionCheck: { type: 'confirmFunctionCheck', checkId: 'kontroll-finns-inte' },
    closeFunctionCheck: { type: 'closeFunctionCheck', checkId: 'kontroll-finns-inte' },
    overrideFunctionCheck: {
      type: 'overrideFunctionCheck',
      checkId: 'kontroll-finns-inte',
      reason,
    },
    requestFloor: { type: 'requestFloor', kind: 'speech', personId: s },
    removeFloorRequest: {
      type: 'removeFloorRequest',
      entryId: ctx.queueEntryOf(s) ?? 'begaran-finns-inte',
    },
    moveFloorRequest: { type: 'moveFloorRequest', entryId: 'begaran-finns-inte', toIndex: 0 },
    giveFloor: { type: 'giveFloor', entryId: 'begaran-finns-inte', seenAndHeard: true },
    endFloor: { type: 'endFloor' },
    cutOffSpeaker: { type: 'cutOffSpeaker', reason },
    configureDebate: { type: 'configureDebate', config: { repliesPerMemberPerSpeech: 2 } },
    setPartyPots: { type: 'setPartyPots', pots: null },
    closeSpeakerList: { type: 'closeSpeakerList' },
    reopenSpeakerList: { type: 'reopenSpeakerList' },
    grantRightToSpeak: {
      type: 'grantRightToSpeak',
      personId: 'kommundirektor',
      name: 'Eva Ek',
      title: 'Kommundirektör',
    },
    revokeRightToSpeak: { type: 'revokeRightToSpeak', personId: 'kommundirektor' },
    muteParticipant: { type: 'muteParticipant', personId: BYSTANDER, reason: '' },
    unmuteParticipant: { type: 'unmuteParticipant', personId: BYSTANDER },
    makeProposal: { type: 'makeProposal', memberId: s, kind: 'approve', text: 'Bifall.' },
    supportProposal: { type: 'supportProposal', proposalId: 'yrkande-finns-inte', memberId: s },
    withdrawProposal: { type: 'withdrawProposal', proposalId: 'yrkande-finns-inte', memberId: s },
    setPropositionOrder: { type: 'setPropositionOrder', formal: [], material: [], additions: [] },
    approvePropositionOrder: { type: 'approvePropositionOrder' },
    putQuestion: { type: 'putQuestion' },
    announceAcclamation: { type: 'announceAcclamation', winner: 'yrkande-finns-inte' },
    demandDivision: { type: 'demandDivision', memberId: s },
    strikeGavel: { type: 'strikeGavel' },
    applyMinorityReferral: { type: 'applyMinorityReferral', proposalId: 'yrkande-finns-inte' },
    startDivision: { type: 'startDivision', yes: 'yrkande-finns-inte', no: 'no', mode: 'devices' },
    castVote: { type: 'castVote', divisionId: 'votering-finns-inte', memberId: s, choice: 'yes' },
    recordRollCallVote: {
      type: 'recordRollCallVote',
      divisionId: 'votering-finns-inte',
      memberId: BYSTANDER,
      choice: 'yes',
    },
    closeDivision: { type: 'closeDivision', divisionId: 'votering-finns-inte' },
    castCastingVote: { type: 'castCastingVote', divisionId: 'votering-finns-inte', choice: 'yes' },
    invalidateRound: { type: 'invalidateRound', reason },
    recordDecision: { type: 'recordDecision', wording: 'Fullmäktige beslutar.' },
    announceReservation: { type: 'announceReservation', itemId: 'i03', memberId: s },
    addReservationReason: {
      type: 'addReservationReason',
      itemId: 'i03',
      memberId: s,
      text: 'Skäl.',
    },
    editMinutesProse: {
      type: 'editMinutesProse',
      itemId: 'i10',
      field: 'description',
      text: null,
    },
    chooseAdjusters: {
      type: 'chooseAdjusters',
      personIds: ['ledamot-21', 'ledamot-22'],
      itemId: null,
      place: 'Stadshuset',
      date: '2026-12-18',
    },
    approveMinutes: { type: 'approveMinutes' },
    recordSecretBallotResult: {
      type: 'recordSecretBallotResult',
      itemId: 'i06',
      questionId: 'fraga-finns-inte',
      counts: { eligible: 61, cast: 1, valid: 1, blank: 0, invalid: 0 },
      result: ['Kandidat A 1'],
      boardRoot: hex,
    },
    issueMinutesCorrection: { type: 'issueMinutesCorrection', paragraph: null, text: 'Rättelse.' },
    openSecretBallot: {
      type: 'openSecretBallot',
      questionId: 'fraga-matris',
      itemId: 'i03',
      title: 'Spökval',
      ballotType: 'yesno',
      eligible: ['ledamot-02'],
      rollHash: hex,
      frozenAt: '2026-12-14T17:00:00Z',
      electionId: hex,
      plenaryKey: hex,
      committee: ['valberedning-1', 'valberedning-2', 'valberedning-3'].map((memberId) => ({
        memberId,
        publicKey: hex,
      })),
    },
    enrolSecretBallotCommittee: {
      type: 'enrolSecretBallotCommittee',
      publicKey: hex,
      lotCommitment: hex,
    },
    registerSecretBallotVoterKey: {
      type: 'registerSecretBallotVoterKey',
      memberId: s,
      publicKey: hex,
    },
    updateSecretBallotCounts: {
      type: 'updateSecretBallotCounts',
      questionId: 'fraga-finns-inte',
      issued: 1,
      cast: 1,
    },
    cancelSecretBallot: { type: 'cancelSecretBallot', questionId: 'fraga-finns-inte', reason },
  };
  return table[type];
}

export interface RouteRequest {
  path: string;
  init: RequestInit;
}

/**
 * One request for each state-changing route, as this persona would send it: a body that passes validation where the
 * right is checked after it, and ids that change nothing the other cells depend on. A route missing here fails the test.
 */
export function routeRequest(route: string, p: Persona, n: number): RouteRequest | null {
  const [method, pattern = ''] = route.split(' ');
  const json = (body: unknown): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const fill = (values: Record<string, string>) =>
    pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => values[name] ?? 'x');
  const sitting = { id: DEMO_SITTING_ID };
  const target = 'ledamot-40';
  switch (route) {
    case 'POST /api/auth/login':
      // Signing in is open to anyone with an account: anonymous is who signs in.
      return {
        path: pattern,
        init: json({ username: p.username ?? 'ledamot20', password: p.password }),
      };
    case 'POST /api/auth/logout':
      return { path: pattern, init: { method } };
    case 'POST /api/auth/password':
      return {
        path: pattern,
        init: json({ current: p.password, next: `${p.password}-ny-2026` }),
      };
    case 'POST /api/auth/reset':
      return {
        path: pattern,
        init: json({ token: 't'.repeat(40), password: 'nytt-losenord-2026' }),
      };
    case 'POST /api/office/accounts':
      return {
        path: pattern,
        init: json({
          id: `matris-${n}`,
          name: `Matris Person ${n}`,
          username: `matris${n}`,
          roles: ['member'],
        }),
      };
    case 'PATCH /api/office/accounts/:id':
      return { path: fill({ id: target }), init: json({ email: null }) };
    case 'POST /api/office/accounts/:id/password':
      return { path: fill({ id: target }), init: json({ mode: 'link' }) };
    case 'POST /api/office/accounts/:id/deactivate':
    case 'POST /api/office/accounts/:id/activate':
    case 'POST /api/office/accounts/:id/unlock':
      return { path: fill({ id: target }), init: { method } };
    case 'PUT /api/office/identities':
      return {
        path: pattern,
        init: json({ personId: 'finns-inte', issuer: 'https://idp.example.se', subject: `s${n}` }),
      };
    case 'DELETE /api/office/identities':
      return { path: pattern, init: json({ issuer: 'https://idp.example.se', subject: `s${n}` }) };
    case 'POST /api/office/council/import':
      return { path: pattern, init: json({}) };
    case 'POST /api/office/council/:bodyId/changes':
      return { path: fill({ bodyId: 'kf' }), init: json({}) };
    case 'POST /api/office/sittings':
      return { path: pattern, init: json({}) };
    case 'PUT /api/office/sittings/:id/agenda':
      return { path: fill(sitting), init: json({}) };
    case 'POST /api/office/sittings/:id/items/:itemId/files': {
      // Multipart with no file: the office's own 400, once the right to upload is checked.
      const form = new FormData();
      form.set('title', 'Bilaga');
      return { path: fill({ ...sitting, itemId: 'i04' }), init: { method, body: form } };
    }
    case 'DELETE /api/office/sittings/:id/files/:fileId':
      return { path: fill({ ...sitting, fileId: 'fil-finns-inte' }), init: { method } };
    case 'POST /api/office/sittings/:id/notice':
      return { path: fill({ id: 'sammantrade-finns-inte' }), init: json({}) };
    case 'POST /api/sittings/:id/commands':
      // The route admits the signed-in; each command's own row says who may send it.
      return { path: fill(sitting), init: json({ type: 'ingetKommando' }) };
    case 'POST /api/sittings/:id/ingest-token':
    case 'POST /api/sittings/:id/room':
      return { path: fill(sitting), init: { method } };
    case 'POST /api/sittings/:id/secret-ballots':
      return { path: fill(sitting), init: json({ title: 'Matrisval', ballot: { type: 'yesno' } }) };
    case 'POST /api/sittings/:id/secret-ballots/:questionId/assertion':
    case 'POST /api/sittings/:id/secret-ballots/:questionId/result':
      return { path: fill({ ...sitting, questionId: 'fraga-finns-inte' }), init: { method } };
    case 'POST /api/sittings/:id/secret-ballots/:questionId/share':
      return {
        path: fill({ ...sitting, questionId: 'fraga-finns-inte' }),
        init: json({
          index: 1,
          share: 'ab'.repeat(32),
          seed: 'cd'.repeat(32),
          approval: 'ef'.repeat(64),
        }),
      };
    case 'POST /api/sittings/:id/secret-ballots/:questionId/draw':
      return {
        path: fill({ ...sitting, questionId: 'fraga-finns-inte' }),
        init: json({ context: 'plats 1', order: ['A', 'B'] }),
      };
    case 'POST /ballot/api/questions':
      return { path: pattern, init: json({}) };
    case 'POST /ballot/api/questions/:id/issue':
    case 'POST /ballot/api/questions/:id/cast':
    case 'POST /ballot/api/questions/:id/signatures':
    case 'POST /ballot/api/questions/:id/close':
      return { path: fill({ id: 'fraga-finns-inte' }), init: json({}) };
    case 'PUT /webcast/archive/:id/captions.vtt':
      return {
        path: fill(sitting),
        init: {
          method,
          headers: { 'content-type': 'text/vtt' },
          body: 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nProv\n',
        },
      };
    default:
      return null;
  }
}

export const PUBLIC_PASSWORD = 'medborgare-2026';

/**
 * A signed-in person with no seat in this body (a member of another body, say): an account the administrator makes in
 * the office, its temporary password changed at the first sign-in. Returns the session cookie.
 */
export async function publicAccount(
  plenary: TestPlenary,
  adminCookie: string,
  password = PUBLIC_PASSWORD,
): Promise<string> {
  const post = (path: string, cookie: string, body: unknown) =>
    fetch(`${plenary.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(body),
    });
  const created = await post('/api/office/accounts', adminCookie, {
    id: 'medborgare',
    name: 'Maja Medborgare',
    username: 'medborgare',
    roles: ['member'],
  });
  if (created.status !== 201) throw new Error(`account: ${created.status} ${await created.text()}`);
  const temporary = 'tillfalligt-2026';
  const set = await post('/api/office/accounts/medborgare/password', adminCookie, {
    mode: 'temporary',
    password: temporary,
  });
  if (!set.ok) throw new Error(`password: ${set.status} ${await set.text()}`);
  const first = await plenary.login('medborgare', temporary);
  const changed = await post('/api/auth/password', first, { current: temporary, next: password });
  if (!changed.ok) throw new Error(`change: ${changed.status} ${await changed.text()}`);
  return plenary.login('medborgare', password);
}
