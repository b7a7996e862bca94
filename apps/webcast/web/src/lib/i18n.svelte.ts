// Swedish first, English second: the player's words, switched at runtime.
const sv = {
  title: 'Webbsändning',
  live: 'Direkt',
  archive: 'Arkiv',
  agenda: 'Föredragningslista',
  speaker: 'Talare',
  queue: 'Talarlista',
  nobody: 'Ingen har ordet',
  votes: 'Omröstningar',
  decisions: 'Beslut',
  ballots: 'Slutna omröstningar',
  yes: 'Ja',
  no: 'Nej',
  abstain: 'Avstår',
  absent: 'Ej röstat',
  closed: 'Stängt ärende – sänds inte',
  adjourned: 'Sammanträdet är ajournerat',
  notStarted: 'Sändningen har inte börjat',
  ended: 'Sammanträdet är avslutat',
  chapters: 'Kapitel',
  download: 'Ladda ned (MP4)',
  noArchive: 'Inga arkiverade sammanträden ännu.',
  back: 'Till direktsändningen',
  language: 'In English',
  skip: 'Hoppa till sammanträdet',
  quorum: 'Beslutsfört',
  notQuorate: 'Inte beslutsfört',
  serving: '{n} av {seats} ledamöter tjänstgör',
  reply: 'replik',
  answer: 'svar på replik',
  pointOfOrder: 'ordningsfråga',
  cast: 'avgivna',
  waiting: 'Väntar på sändningen …',
} as const;

type Words = Record<keyof typeof sv, string>;

const en: Words = {
  title: 'Webcast',
  live: 'Live',
  archive: 'Archive',
  agenda: 'Agenda',
  speaker: 'Speaker',
  queue: 'Speaker list',
  nobody: 'Nobody has the floor',
  votes: 'Votes',
  decisions: 'Decisions',
  ballots: 'Secret ballots',
  yes: 'Yes',
  no: 'No',
  abstain: 'Abstain',
  absent: 'Did not vote',
  closed: 'Closed item – not broadcast',
  adjourned: 'The sitting is adjourned',
  notStarted: 'The broadcast has not started',
  ended: 'The sitting has ended',
  chapters: 'Chapters',
  download: 'Download (MP4)',
  noArchive: 'No archived sittings yet.',
  back: 'Back to live',
  language: 'På svenska',
  skip: 'Skip to the sitting',
  quorum: 'Quorate',
  notQuorate: 'Not quorate',
  serving: '{n} of {seats} members serving',
  reply: 'reply',
  answer: 'answer to reply',
  pointOfOrder: 'point of order',
  cast: 'cast',
  waiting: 'Waiting for the broadcast …',
};

export class I18n {
  lang = $state<'sv' | 'en'>('sv');
  get t(): Words {
    return this.lang === 'sv' ? sv : en;
  }
  toggle(): void {
    this.lang = this.lang === 'sv' ? 'en' : 'sv';
    document.documentElement.lang = this.lang;
  }
}
