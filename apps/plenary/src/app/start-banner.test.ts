// What `npm start` prints: demo logins only with the demo council.
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_SITTING_ID } from './demo-council.ts';
import { startBanner } from './start-banner.ts';

const input = {
  base: 'http://localhost:3000',
  database: 'PostgreSQL',
  readyMs: 900,
  seeded: false,
  webcast: true,
};

describe('start banner', () => {
  it('prints the demo logins and the demo sitting when the demo is seeded', () => {
    const out = startBanner({ ...input, demo: true, seeded: true });
    expect(out).toContain(DEMO_PASSWORD);
    expect(out).toContain('ledamot02');
    expect(out).toContain(`/display/${DEMO_SITTING_ID}`);
  });

  it('with SEED_DEMO=false prints no demo login, password or demo sitting address', () => {
    const out = startBanner({ ...input, demo: false });
    expect(out).not.toContain(DEMO_PASSWORD);
    expect(out).not.toMatch(/ordforande|sekreterare|ledamot02|Demo logins/);
    expect(out).not.toContain(DEMO_SITTING_ID);
    expect(out).toContain('http://localhost:3000/member');
  });
});

describe('the video room line (R09)', () => {
  const base = {
    base: 'http://localhost:3000',
    database: 'x',
    readyMs: 1,
    seeded: false,
    demo: true,
    webcast: false,
  };
  it('shows the room screen when Janus runs, and says plainly why not when it does not', () => {
    expect(startBanner({ ...base, room: { available: true, turn: true } })).toMatch(
      /Room screen\s+http:\/\/localhost:3000\/room\/\S+\s+\(video room on Janus \+ coturn\)/,
    );
    expect(
      startBanner({ ...base, room: { available: false, reason: 'Janus is not installed' } }),
    ).toContain('Video room     off: Janus is not installed');
  });
});
