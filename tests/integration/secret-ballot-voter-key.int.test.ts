// Issue 13, item 3: a member's own voting key, registered through plenary from their signed-in session (the HTTP route
// and the socket, one shared schema), recorded in the sitting's log, kept in the member's own log export, and carried
// in the voter assertion plenary gives the registrar. Only the member, only while serving, only a valid Ed25519 key.
import { afterEach, describe, expect, it } from 'vitest';
import {
  decodeVoterAssertion,
  type Command,
  type QuestionView,
  type StoredEvent,
} from '@council/shared';
import { DEMO_SITTING_ID } from '../../apps/plenary/src/app/demo-council.ts';
import { generateMemberKey, signedRequest } from '../../apps/ballot/src/client/issuance-request.ts';
import { prepareBallot } from '../../apps/ballot/src/client/voter.ts';
import { toHex } from '../../apps/ballot/src/crypto/bytes.ts';
import { lotCommitment } from '../../apps/ballot/src/domain/lottning.ts';
import { makeCommittee, signManifest } from '../support/ballot-election.ts';
import { request, startTestPlenary, type TestPlenary } from '../support/plenary.ts';

const ROLL = ['ledamot-02', 'ledamot-03', 'ledamot-04'];
/** An election needs quorum (31 of 61): members present who take no part here. */
const PRESENT = [
  ...ROLL,
  ...Array.from({ length: 28 }, (_, i) => `ledamot-${String(30 + i).padStart(2, '0')}`),
];

describe("a member's own voting key", () => {
  let plenary: TestPlenary | null = null;
  afterEach(async () => {
    await plenary?.stop();
    plenary = null;
  });
  const p = (): TestPlenary => {
    if (!plenary) throw new Error('not started');
    return plenary;
  };

  async function call(path: string, cookie: string | null, body?: unknown) {
    const res = await fetch(`${p().url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }
  async function ok<T>(path: string, cookie: string | null, body?: unknown, status = 200) {
    const r = await call(path, cookie, body);
    if (r.status !== status)
      throw new Error(`${path}: expected ${status}, got ${r.status} ${JSON.stringify(r.json)}`);
    return r.json as T;
  }
  const commands = `/api/sittings/${DEMO_SITTING_ID}/commands`;
  const command = (cookie: string, c: Command) =>
    ok<{ events: StoredEvent[] }>(commands, cookie, c);
  const register = (memberId: string, publicKey: string): Command => ({
    type: 'registerSecretBallotVoterKey',
    memberId,
    publicKey,
  });

  it("registered by the member's own session over HTTP and the socket, refused for others, carried in the assertion", async () => {
    plenary = await startTestPlenary({ ballot: true });
    const desk = await p().login('sekreterare');
    await command(desk, { type: 'openSitting' });
    const started = await command(desk, { type: 'startRollCall' });
    const rollCallId = String(started.events[0]?.payload.rollCallId);
    for (const personId of PRESENT)
      await command(desk, { type: 'markAttendance', personId, mode: 'room' });
    await command(desk, { type: 'confirmRollCall', rollCallId });
    await command(desk, { type: 'startItem', itemId: 'i06' });

    const m02 = await p().login('ledamot02');
    const key1 = generateMemberKey();
    const done = await command(m02, register('ledamot-02', key1.publicKey));
    expect(done.events.map((e) => [e.type, e.payload, e.actorId])).toEqual([
      [
        'SecretBallotVoterKeyRegistered',
        { personId: 'ledamot-02', publicKey: key1.publicKey },
        'ledamot-02',
      ],
    ]);

    // Refusals, each leaving the log without a registration: for another member, by the desk on a member's behalf,
    // by a member not serving (absent at the roll call), a key that is no Ed25519 point, a field the schema lacks.
    const other = generateMemberKey().publicKey;
    const forAnother = await call(commands, m02, register('ledamot-03', other));
    expect(forAnother.status).toBe(403);
    expect(forAnother.json).toMatchObject({ code: 'FORBIDDEN' });
    expect((await call(commands, desk, register('ledamot-03', other))).status).toBe(403);
    const absent = await call(
      commands,
      await p().login('ledamot20'),
      register('ledamot-20', other),
    );
    expect(absent.status).toBe(403);
    expect(absent.json).toMatchObject({ code: 'NOT_SERVING' });
    const m03 = await p().login('ledamot03');
    const badKey = await call(commands, m03, register('ledamot-03', '00'.repeat(32)));
    expect(badKey.status).toBe(400);
    expect(String(badKey.json.message)).toMatch(/Ed25519/);
    const extra = await call(commands, m03, { ...register('ledamot-03', other), personId: 'x' });
    expect(extra.status).toBe(400);
    expect((await call(commands, null, register('ledamot-03', other))).status).toBe(401);

    // The socket takes the same command through the same schema and rights.
    const socket = await p().socket(m03);
    const key3 = generateMemberKey();
    const viaSocket = await request<{ ok: boolean; data?: { events: StoredEvent[] } }>(
      socket,
      'sitting:command',
      { sittingId: DEMO_SITTING_ID, command: register('ledamot-03', key3.publicKey) },
    );
    expect(viaSocket.ok).toBe(true);
    expect(viaSocket.data?.events[0]?.payload).toEqual({
      personId: 'ledamot-03',
      publicKey: key3.publicKey,
    });
    const refusedSocket = await request<{ ok: boolean; error?: { code: string } }>(
      socket,
      'sitting:command',
      { sittingId: DEMO_SITTING_ID, command: register('ledamot-02', key3.publicKey) },
    );
    expect(refusedSocket).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // The log holds exactly the two registrations, and a member's own export of it keeps them.
    const registrations = (events: StoredEvent[]) =>
      events
        .filter((e) => e.type === 'SecretBallotVoterKeyRegistered')
        .map((e) => e.payload.personId);
    const all = await ok<{ events: StoredEvent[] }>(
      `/api/sittings/${DEMO_SITTING_ID}/events?since=0`,
      desk,
    );
    expect(registrations(all.events)).toEqual(['ledamot-02', 'ledamot-03']);
    const mine = await ok<{ events: StoredEvent[] }>(
      `/api/sittings/${DEMO_SITTING_ID}/events?since=0`,
      await p().login('ledamot04'),
    );
    expect(registrations(mine.events)).toEqual(['ledamot-02', 'ledamot-03']);

    // A question opens; the assertion carries the member's current key, a newer registration replaces it.
    const committee = makeCommittee();
    for (const [i, c] of committee.entries())
      await command(await p().login(`valberedning${i + 1}`), {
        type: 'enrolSecretBallotCommittee',
        publicKey: toHex(c.publicKey),
        lotCommitment: toHex(lotCommitment(c.seed)),
      });
    const created = await ok<{ questionId: string; view: QuestionView }>(
      `/api/sittings/${DEMO_SITTING_ID}/secret-ballots`,
      desk,
      { title: 'Fyllnadsval', ballot: { type: 'yesno' } },
      201,
    );
    const { questionId } = created;
    for (const s of signManifest(created.view.electionId, committee))
      await ok(`/ballot/api/questions/${questionId}/signatures`, null, s);
    const assertionPath = `/api/sittings/${DEMO_SITTING_ID}/secret-ballots/${questionId}/assertion`;
    const keyIn = async (cookie: string) =>
      decodeVoterAssertion((await ok<{ token: string }>(assertionPath, cookie, {})).token)
        ?.assertion.memberKey;
    expect(await keyIn(m02)).toBe(key1.publicKey);
    expect(await keyIn(m03)).toBe(key3.publicKey);
    const key2 = generateMemberKey();
    await command(m02, register('ledamot-02', key2.publicKey));
    expect(await keyIn(m02)).toBe(key2.publicKey);
    expect(await keyIn(await p().login('ledamot04'))).toBeUndefined();

    // The registrar answers only a request signed by the key the assertion names (its signature covers it): not an
    // unsigned one, not one signed by the member's earlier key (issue 13, item 3).
    const token = (await ok<{ token: string }>(assertionPath, m02, {})).token;
    const blinded = prepareBallot(created.view.manifest, 'ja').blinded;
    const issue = (body: unknown) =>
      fetch(`${p().url}/ballot/api/questions/${questionId}/issue`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const ownRequest = { electionId: created.view.electionId, memberId: 'ledamot-02', blinded };
    expect((await issue({ blinded })).status).toBe(400);
    const byOldKey = await issue({
      blinded,
      requestSignature: signedRequest(ownRequest, key1.secretKey).requestSignature,
    });
    expect(byOldKey.status).toBe(403);
    const issued = await issue({
      blinded,
      requestSignature: signedRequest(ownRequest, key2.secretKey).requestSignature,
    });
    expect(issued.status).toBe(200);
  });
});
