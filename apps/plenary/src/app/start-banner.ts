// The text `npm start` prints: the addresses, and the demo logins and demo sitting only when the demo is seeded.
import { DEMO_PASSWORD, DEMO_SITTING_ID } from './demo-council.ts';

export interface BannerInput {
  base: string;
  database: string;
  readyMs: number;
  /** The demo council was seeded on this start. */
  seeded: boolean;
  /** SEED_DEMO: the demo council is (or may be) there; false on a real council's installation. */
  demo: boolean;
  webcast: boolean;
  /** R09: the video room — running (with or without TURN), or off with the reason. */
  room?: { available: true; turn: boolean } | { available: false; reason: string };
}

export function startBanner(x: BannerInput): string {
  const lines = [
    '',
    `Council plenary system is running (${x.database}), ready in ${x.readyMs} ms`,
    ...(x.seeded ? ['  Seeded the demo council (first start).'] : []),
    '',
    `  Member app     ${x.base}/member`,
    `  Desk console   ${x.base}/desk`,
    `  Council office ${x.base}/kansli`,
    `  Public display ${x.base}/display${x.demo ? `/${DEMO_SITTING_ID}` : ''}`,
    ...(x.webcast ? [`  Webcast        ${x.base}/webcast/`] : []),
    `  Secret ballot  ${x.base}/ballot/`,
    ...(x.room
      ? [
          x.room.available
            ? `  Room screen    ${x.base}/room${x.demo ? `/${DEMO_SITTING_ID}` : ''}  (video room on Janus${x.room.turn ? ' + coturn' : ''})`
            : `  Video room     off: ${x.room.reason}`,
        ]
      : []),
    `  Health         ${x.base}/healthz`,
    '',
  ];
  if (x.demo)
    lines.push(
      `  Demo logins (password for all: ${DEMO_PASSWORD})`,
      '    chair       ordforande',
      '    secretary   sekreterare',
      '    members     ledamot02 … ledamot61',
      '    substitutes ersattare01 … ersattare35',
      '    rösträknare valberedning1 … valberedning3 (ballot key holders)',
      '',
    );
  lines.push('Press Ctrl-C to stop.');
  return lines.join('\n');
}
