// The minutes (R24) and the notice (R02) as PDF/A-2b, generated with pdfkit and an embedded DejaVu font (å ä ö).
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { minutesBlocks, type Block, type Lang } from './layout.ts';
import type { MinutesView } from './view.ts';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MARGIN = 56;

export function minutesPdf(view: MinutesView, lang: Lang = 'sv'): Promise<Buffer> {
  const d = view.document;
  return blocksPdf(minutesBlocks(view, lang), {
    title: `Protokoll ${d.body.name} ${d.date}`,
    author: d.body.name,
    subject: view.sha256,
    lang: lang === 'sv' ? 'sv-SE' : 'en-GB',
    footer: (page, pages) =>
      `${d.body.name} ${d.date} — sida ${page} av ${pages}${view.lock ? ` — SHA-256 ${view.lock.sha256.slice(0, 16)}…` : ''}`,
  });
}

export interface PdfMeta {
  title: string;
  author: string;
  subject: string;
  lang: string;
  footer: (page: number, pages: number) => string;
}

/**
 * Laid-out blocks as an archivable PDF: PDF/A-2b with the fonts embedded, tagged with its language and title for
 * assistive technology (the minutes, the notice).
 */
export function blocksPdf(blocks: Block[], meta: PdfMeta): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: meta.lang,
    displayTitle: true,
    info: { Title: meta.title, Author: meta.author, Subject: meta.subject },
  });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };

  const table = (b: Extract<Block, { t: 'table' }>) => {
    const cols = b.widths.map((w) => (w / 100) * width);
    const row = (cells: string[], font: 'body' | 'bold') => {
      doc.font(font).fontSize(9);
      const heights = cells.map((c, i) => doc.heightOfString(c, { width: (cols[i] ?? 40) - 6 }));
      const h = Math.max(12, ...heights) + 4;
      ensure(h);
      const y = doc.y;
      let x = MARGIN;
      cells.forEach((c, i) => {
        doc.text(c, x + 2, y + 2, { width: (cols[i] ?? 40) - 6 });
        x += cols[i] ?? 40;
      });
      doc
        .moveTo(MARGIN, y + h)
        .lineTo(MARGIN + width, y + h)
        .lineWidth(font === 'bold' ? 1 : 0.3)
        .strokeColor('#777')
        .stroke();
      doc.x = MARGIN;
      doc.y = y + h;
    };
    row(b.head, 'bold');
    for (const r of b.rows) row(r, 'body');
    doc.moveDown(0.5);
  };

  for (const b of blocks) {
    doc.x = MARGIN;
    switch (b.t) {
      case 'title':
        doc.font('bold').fontSize(18).text(b.text, { width });
        doc.font('body').fontSize(11).text(b.sub, { width }).moveDown();
        break;
      case 'h1':
        ensure(60);
        doc.moveDown(0.6).font('bold').fontSize(13).text(b.text, { width }).moveDown(0.3);
        break;
      case 'h2':
        ensure(40);
        doc.moveDown(0.3).font('bold').fontSize(10).text(b.text.toUpperCase(), { width });
        break;
      case 'p':
        doc
          .font(b.strong ? 'bold' : 'body')
          .fontSize(b.muted ? 9 : 10.5)
          .fillColor(b.muted ? '#444' : '#000')
          .text(b.text, { width });
        doc.fillColor('#000').moveDown(0.3);
        break;
      case 'kv':
        for (const [k, v] of b.rows) {
          ensure(14);
          const y = doc.y;
          doc.font('bold').fontSize(10).text(k, MARGIN, y, { width: 150 });
          const afterLabel = doc.y;
          doc
            .font('body')
            .fontSize(10)
            .text(v, MARGIN + 160, y, { width: width - 160 });
          doc.y = Math.max(doc.y, afterLabel) + 2;
        }
        doc.x = MARGIN;
        doc.moveDown(0.4);
        break;
      case 'list':
        doc.font('body').fontSize(10.5);
        for (const item of b.items) doc.text(`•  ${item}`, MARGIN + 8, doc.y, { width: width - 8 });
        doc.moveDown(0.3);
        break;
      case 'table':
        table(b);
        break;
      case 'break':
        doc.addPage();
        break;
    }
  }
  // Page numbers and the fingerprint on every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.font('body').fontSize(8).fillColor('#555');
    const footer = meta.footer(i + 1, range.count);
    // Writing inside the bottom margin would make pdfkit start a new page: lift the margin while the footer is drawn.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.text(footer, MARGIN, doc.page.height - MARGIN + 16, {
      width,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottomMargin;
  }
  doc.end();
  return done;
}
