// The minutes as print-ready HTML (A4, Swedish by default) rendered from the shared blocks (R24). No scripts.
import { minutesBlocks, type Block, type Lang } from './layout.ts';
import type { MinutesView } from './view.ts';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const css = `
@page { size: A4; margin: 20mm 18mm; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Serif', Georgia, 'Times New Roman', serif; font-size: 11pt; line-height: 1.45; color: #111; max-width: 190mm; margin: 0 auto; padding: 12mm 0; background: #fff; }
header.title h1 { font-size: 20pt; margin: 0 0 2mm; }
header.title p { margin: 0 0 6mm; font-size: 12pt; }
.status { display: inline-block; border: 2px solid #111; padding: 1mm 3mm; font-weight: bold; letter-spacing: .03em; }
h2.par { font-size: 14pt; margin: 9mm 0 2mm; border-bottom: 1px solid #444; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; text-transform: uppercase; letter-spacing: .04em; color: #333; break-after: avoid; }
p { margin: 1mm 0 2mm; }
p.muted { color: #444; font-size: 10pt; }
p.strong { font-weight: bold; }
dl { display: grid; grid-template-columns: 55mm 1fr; gap: 1mm 4mm; margin: 2mm 0 4mm; }
dt { font-weight: bold; } dd { margin: 0; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 10pt; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #bbb; padding: 1mm 2mm; }
thead th { border-bottom: 2px solid #111; }
tr { break-inside: avoid; }
ul { margin: 1mm 0 3mm; padding-left: 6mm; }
.break { break-before: page; height: 0; }
@media screen { .break { border-top: 2px dashed #999; margin: 10mm 0; } }
`;

function block(b: Block): string {
  switch (b.t) {
    case 'title':
      return `<header class="title"><h1>${escapeHtml(b.text)}</h1><p>${escapeHtml(b.sub)}</p></header>`;
    case 'h1':
      return `<h2 class="par"${b.id ? ` id="${escapeHtml(b.id)}"` : ''}>${escapeHtml(b.text)}</h2>`;
    case 'h2':
      return `<h3>${escapeHtml(b.text)}</h3>`;
    case 'p':
      return `<p${b.strong ? ' class="strong"' : b.muted ? ' class="muted"' : ''}>${escapeHtml(b.text)}</p>`;
    case 'kv':
      return `<dl>${b.rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'table':
      return (
        `<table><colgroup>${b.widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>` +
        `<thead><tr>${b.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>` +
        `<tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`
      );
    case 'break':
      return '<div class="break"></div>';
  }
}

export function minutesHtml(view: MinutesView, lang: Lang = 'sv'): string {
  const blocks = minutesBlocks(view, lang);
  const title = `${lang === 'sv' ? 'Protokoll' : 'Minutes'} ${view.document.body.name} ${view.document.date}`;
  return (
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>${css}</style></head><body><main>` +
    blocks.map(block).join('\n') +
    `</main></body></html>`
  );
}

/** A correction (rättelse) of adjusted minutes: its own document, linked to the minutes by their SHA-256. */
export function correctionHtml(view: MinutesView, correctionId: string): string | null {
  const c = view.corrections.find((x) => x.id === correctionId);
  if (!c) return null;
  const d = view.document;
  const body =
    `<header class="title"><h1>Rättelse av protokoll — ${escapeHtml(d.body.name)}</h1><p>${escapeHtml(d.title)}</p></header>` +
    `<dl><dt>Avser protokoll</dt><dd>SHA-256 ${escapeHtml(c.correctsSha256)}</dd>` +
    `<dt>Paragraf</dt><dd>${c.paragraph === null ? 'hela protokollet' : `§ ${c.paragraph}`}</dd>` +
    `<dt>Utfärdad</dt><dd>${escapeHtml(c.at)}</dd></dl><p>${escapeHtml(c.text)}</p>`;
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Rättelse</title><style>${css}</style></head><body><main>${body}</main></body></html>`;
}
