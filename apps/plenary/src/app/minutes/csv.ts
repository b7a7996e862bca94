// The voting lists of the minutes as CSV (R24): one row per member and division, UTF-8 with BOM for spreadsheets.
import type { MinutesDocument } from '../../domain/minutes/document.ts';

function cell(value: string | number): string {
  const s = String(value);
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function votingListCsv(doc: MinutesDocument): string {
  const rows: (string | number)[][] = [
    ['paragraf', 'ärende', 'votering', 'fråga', 'person_id', 'namn', 'parti', 'röst'],
  ];
  for (const p of doc.paragraphs)
    for (const d of p.divisions)
      for (const v of d.votes)
        rows.push([
          p.paragraph,
          p.title,
          d.number,
          `JA: ${d.yes} / NEJ: ${d.no}`,
          v.personId,
          v.name,
          v.party ?? '',
          v.choice,
        ]);
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
