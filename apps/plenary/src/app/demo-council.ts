// The demo council seeded on first start: Sjöstads kommun's kommunfullmäktige, 61 seats, 8 parties, one sitting.
import type { CouncilImport, Party, Person, Seat, Substitute } from '@council/shared';

export const DEMO_PASSWORD = 'demo2026';
export const DEMO_SITTING_ID = 'kf-2026-12-14';

const parties: (Party & { seats: number; substitutes: number })[] = [
  {
    id: 'S',
    abbreviation: 'S',
    name: 'Socialdemokraterna',
    color: '#e8112d',
    seats: 19,
    substitutes: 10,
  },
  { id: 'M', abbreviation: 'M', name: 'Moderaterna', color: '#52bdec', seats: 13, substitutes: 7 },
  {
    id: 'SD',
    abbreviation: 'SD',
    name: 'Sverigedemokraterna',
    color: '#dddd00',
    seats: 11,
    substitutes: 6,
  },
  { id: 'C', abbreviation: 'C', name: 'Centerpartiet', color: '#009933', seats: 5, substitutes: 3 },
  {
    id: 'V',
    abbreviation: 'V',
    name: 'Vänsterpartiet',
    color: '#da291c',
    seats: 5,
    substitutes: 3,
  },
  {
    id: 'KD',
    abbreviation: 'KD',
    name: 'Kristdemokraterna',
    color: '#000077',
    seats: 3,
    substitutes: 2,
  },
  { id: 'L', abbreviation: 'L', name: 'Liberalerna', color: '#6ab2e7', seats: 3, substitutes: 2 },
  {
    id: 'MP',
    abbreviation: 'MP',
    name: 'Miljöpartiet',
    color: '#83cf39',
    seats: 2,
    substitutes: 2,
  },
];

const firstNames = [
  'Anna',
  'Lars',
  'Maria',
  'Erik',
  'Karin',
  'Anders',
  'Eva',
  'Johan',
  'Kristina',
  'Per',
  'Lena',
  'Karl',
  'Ingrid',
  'Mikael',
  'Birgitta',
  'Nils',
  'Margareta',
  'Björn',
  'Elisabeth',
  'Hans',
  'Sofia',
  'Jan',
  'Marie',
  'Peter',
  'Ulla',
  'Gunnar',
  'Helena',
  'Ola',
  'Åsa',
  'Göran',
  'Cecilia',
  'Sven',
  'Linnea',
  'Mats',
  'Annika',
  'Stefan',
  'Elin',
  'Magnus',
  'Ebba',
  'Fredrik',
  'Kerstin',
  'Thomas',
  'Malin',
  'Jonas',
  'Ylva',
  'Rolf',
  'Agneta',
  'Henrik',
  'Susanne',
  'Leif',
  'Camilla',
  'Oskar',
  'Britt',
  'Ali',
  'Amira',
  'Daniel',
  'Hanna',
  'Bengt',
  'Ida',
  'Ahmed',
];
const lastNames = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Jansson',
  'Hansson',
  'Bengtsson',
  'Jönsson',
  'Lindberg',
  'Jakobsson',
  'Magnusson',
  'Lindström',
  'Olofsson',
  'Lindqvist',
  'Lindgren',
  'Berg',
  'Axelsson',
  'Bergström',
  'Lundberg',
  'Lundgren',
  'Lind',
  'Åberg',
  'Ström',
  'Holm',
  'Sandberg',
  'Forsberg',
  'Sjöberg',
  'Wallin',
  'Engström',
  'Danielsson',
  'Håkansson',
  'Eklund',
  'Öberg',
  'Nyström',
  'Holmberg',
  'Dahlberg',
  'Hedlund',
  'Sundberg',
];

function nameAt(i: number): string {
  // Stride through both lists so neighbours do not share a surname.
  return `${firstNames[(i * 7) % firstNames.length] ?? 'Anna'} ${lastNames[(i * 11 + 3) % lastNames.length] ?? 'Berg'}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function demoCouncil(): CouncilImport {
  const people: Person[] = [];
  const seats: Seat[] = [];
  const substitutes: Substitute[] = [];
  let seatNumber = 0;
  let subNumber = 0;
  let nameIndex = 0;
  for (const p of parties) {
    for (let k = 0; k < p.seats; k++) {
      seatNumber++;
      const id = `ledamot-${pad(seatNumber)}`;
      const chair = seatNumber === 1;
      people.push({
        id,
        name: nameAt(nameIndex++),
        partyId: p.id,
        username: chair ? 'ordforande' : `ledamot${pad(seatNumber)}`,
        roles: chair ? ['member', 'chair'] : ['member'],
      });
      seats.push({
        id: `seat-${pad(seatNumber)}`,
        number: seatNumber,
        partyId: p.id,
        memberId: id,
      });
    }
    for (let k = 1; k <= p.substitutes; k++) {
      subNumber++;
      const id = `ersattare-${pad(subNumber)}`;
      people.push({
        id,
        name: nameAt(nameIndex++),
        partyId: p.id,
        username: `ersattare${pad(subNumber)}`,
        roles: ['substitute'],
      });
      substitutes.push({ personId: id, partyId: p.id, order: k });
    }
  }
  people.push(
    {
      id: 'sekreterare',
      name: 'Charlotte Widén',
      partyId: null,
      username: 'sekreterare',
      roles: ['secretary'],
    },
    {
      id: 'valberedning-1',
      name: 'Rösträknare Gun Sjödin',
      partyId: null,
      username: 'valberedning1',
      roles: ['committee'],
    },
    {
      id: 'valberedning-2',
      name: 'Rösträknare Tord Ekman',
      partyId: null,
      username: 'valberedning2',
      roles: ['committee'],
    },
    {
      id: 'valberedning-3',
      name: 'Rösträknare Nadia Haddad',
      partyId: null,
      username: 'valberedning3',
      roles: ['committee'],
    },
    {
      id: 'admin',
      name: 'Systemadministratör',
      partyId: null,
      username: 'admin',
      roles: ['admin'],
    },
  );
  const doc = (title: string, slug: string) => ({ title, url: `/documents/${slug}.pdf` });
  return {
    // Demo addresses (example.se is reserved) so the notice can be tried against a local SMTP server.
    contacts: people
      .filter((p) => p.roles.includes('member') || p.roles.includes('substitute'))
      .map((p) => ({ personId: p.id, email: `${p.username}@sjostad.example.se` })),
    body: {
      id: 'kf',
      name: 'Kommunfullmäktige i Sjöstads kommun',
      kind: 'council',
      crossPartyOrder: {},
    },
    parties: parties.map(({ id, abbreviation, name, color }) => ({
      id,
      abbreviation,
      name,
      color,
    })),
    people,
    seats,
    substitutes,
    sittings: [
      {
        id: DEMO_SITTING_ID,
        bodyId: 'kf',
        title: 'Kommunfullmäktiges sammanträde 14 december 2026',
        startsAt: '2026-12-14T18:00:00+01:00',
        room: 'Fullmäktigesalen, Stadshuset, Storgatan 1',
        remoteReason:
          'Ledamöter får delta på distans vid sjukdom eller resa enligt fullmäktiges beslut 2026-03-09 § 41 (KF 2026/112).',
        items: [
          {
            id: 'i01',
            title: 'Val av justerare och tid för justering',
            caseNumber: '',
            description: 'Två ledamöter väljs att jämte ordföranden justera protokollet.',
            confidential: false,
            documents: [],
          },
          {
            id: 'i02',
            title: 'Anmälan av nya motioner och interpellationer',
            caseNumber: 'KS 2026/401',
            description: '',
            confidential: false,
            documents: [doc('Förteckning över inkomna motioner', 'motioner-2026-12')],
          },
          {
            id: 'i03',
            title: 'Budget 2027 och verksamhetsplan med ekonomisk plan 2028–2029',
            caseNumber: 'KS 2026/187',
            description:
              'Kommunstyrelsen föreslår fullmäktige att fastställa budget för 2027, skattesats 21,84 kr och ekonomisk plan för 2028–2029.',
            confidential: false,
            documents: [
              doc('Kommunstyrelsens förslag till budget 2027', 'budget-2027'),
              doc('Reservationer i kommunstyrelsen', 'budget-2027-reservationer'),
            ],
          },
          {
            id: 'i04',
            title: 'Detaljplan för kvarteret Spinneriet, antagande',
            caseNumber: 'KS 2025/233',
            description:
              'Planen medger cirka 320 bostäder, en förskola och lokaler för handel vid Spinneriet.',
            confidential: false,
            documents: [
              doc('Plankarta med bestämmelser', 'spinneriet-plankarta'),
              doc('Granskningsutlåtande', 'spinneriet-granskning'),
            ],
          },
          {
            id: 'i05',
            title: 'Motion om avgiftsfri kollektivtrafik för personer över 75 år',
            caseNumber: 'KS 2025/512',
            description:
              'Motion från Vänsterpartiet. Kommunstyrelsen föreslår att motionen avslås.',
            confidential: false,
            documents: [
              doc('Motion', 'motion-kollektivtrafik'),
              doc('Tjänsteskrivelse', 'motion-kollektivtrafik-tjanst'),
            ],
          },
          {
            id: 'i06',
            title: 'Val av ledamot i socialnämnden efter Karin Lindqvist (S)',
            caseNumber: 'KS 2026/455',
            description: 'Fyllnadsval för återstoden av mandatperioden.',
            confidential: false,
            documents: [],
          },
          {
            id: 'i07',
            title: 'Förvärv av fastigheten Sjöstad Kvarnen 4',
            caseNumber: 'KS 2026/377',
            description:
              'Ärendet innehåller uppgifter som omfattas av sekretess enligt 19 kap. 1 § OSL.',
            confidential: true,
            documents: [doc('Värderingsutlåtande (sekretess)', 'kvarnen-4-vardering')],
          },
          {
            id: 'i08',
            title: 'Taxa för vatten och avlopp 2027',
            caseNumber: 'KS 2026/298',
            description: 'Höjning av brukningsavgiften med 6 procent.',
            confidential: false,
            documents: [doc('VA-taxa 2027', 'va-taxa-2027')],
          },
          {
            id: 'i09',
            title: 'Svar på interpellation om väntetider i hemtjänsten',
            caseNumber: 'KS 2026/350',
            description: 'Interpellation från Liberalerna till socialnämndens ordförande.',
            confidential: false,
            documents: [doc('Interpellation', 'interpellation-hemtjanst')],
          },
          {
            id: 'i10',
            title: 'Revisionsberättelse och ansvarsfrihet för 2025',
            caseNumber: 'KS 2026/120',
            description: 'Revisorerna tillstyrker att ansvarsfrihet beviljas.',
            confidential: false,
            documents: [doc('Revisionsberättelse 2025', 'revisionsberattelse-2025')],
          },
        ],
      },
    ],
  };
}
