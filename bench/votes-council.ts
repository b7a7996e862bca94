// A council of any size for the votes benchmark: seats shared among eight parties, a chair, a secretary, one sitting.
import type { CouncilImport, Person, Seat } from '@council/shared';

const parties = [
  { id: 'S', abbreviation: 'S', name: 'Socialdemokraterna', color: '#e8112d', share: 0.31 },
  { id: 'M', abbreviation: 'M', name: 'Moderaterna', color: '#52bdec', share: 0.21 },
  { id: 'SD', abbreviation: 'SD', name: 'Sverigedemokraterna', color: '#dddd00', share: 0.18 },
  { id: 'C', abbreviation: 'C', name: 'Centerpartiet', color: '#009933', share: 0.08 },
  { id: 'V', abbreviation: 'V', name: 'Vänsterpartiet', color: '#da291c', share: 0.08 },
  { id: 'KD', abbreviation: 'KD', name: 'Kristdemokraterna', color: '#000077', share: 0.05 },
  { id: 'L', abbreviation: 'L', name: 'Liberalerna', color: '#6ab2e7', share: 0.05 },
  { id: 'MP', abbreviation: 'MP', name: 'Miljöpartiet', color: '#83cf39', share: 0.04 },
];

export const BENCH_SITTING_ID = 'bench-sitting';

export const benchMemberId = (n: number) => `m-${String(n).padStart(4, '0')}`;

export function benchCouncil(seatCount: number): CouncilImport {
  const people: Person[] = [];
  const seats: Seat[] = [];
  for (let n = 1; n <= seatCount; n++) {
    // Walk the cumulative shares so every party gets about its share of the seats.
    const x = (n - 0.5) / seatCount;
    let acc = 0;
    const party = parties.find((p) => (acc += p.share) >= x) ?? parties[0];
    const partyId = party?.id ?? 'S';
    const id = benchMemberId(n);
    people.push({
      id,
      name: `Ledamot ${n}`,
      partyId,
      username: `m${n}`,
      roles: n === 1 ? ['member', 'chair'] : ['member'],
    });
    seats.push({ id: `seat-${n}`, number: n, partyId, memberId: id });
  }
  people.push({
    id: 'sekreterare',
    name: 'Sekreteraren',
    partyId: null,
    username: 'sekreterare',
    roles: ['secretary'],
  });
  return {
    body: { id: 'kf', name: 'Benchmarkfullmäktige', kind: 'council', crossPartyOrder: {} },
    parties: parties.map(({ id, abbreviation, name, color }) => ({
      id,
      abbreviation,
      name,
      color,
    })),
    people,
    seats,
    substitutes: [],
    sittings: [
      {
        id: BENCH_SITTING_ID,
        bodyId: 'kf',
        title: 'Benchmark',
        startsAt: '2026-12-14T18:00:00+01:00',
        room: 'Salen',
        remoteReason: null,
        items: [
          {
            id: 'b01',
            title: 'Budget',
            caseNumber: '',
            description: '',
            confidential: false,
            documents: [],
          },
        ],
      },
    ],
  };
}
