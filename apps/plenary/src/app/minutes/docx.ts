// The minutes as DOCX (Word), generated on the server with the docx package from the shared blocks (R24).
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { minutesBlocks, type Block, type Lang } from './layout.ts';
import type { MinutesView } from './view.ts';

type Child = Paragraph | Table;

function cell(text: string, bold = false, widthPct = 20): TableCell {
  return new TableCell({
    width: { size: widthPct, type: WidthType.PERCENTAGE },
    children: [new Paragraph({ children: [new TextRun({ text, bold, size: 18 })] })],
  });
}

function table(b: Extract<Block, { t: 'table' }>): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
      left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
      right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
      insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
      bottom: { style: BorderStyle.SINGLE, size: 4, color: '777777' },
      insideHorizontal: { style: BorderStyle.SINGLE, size: 2, color: 'BBBBBB' },
    },
    rows: [
      new TableRow({
        tableHeader: true,
        children: b.head.map((h, i) => cell(h, true, b.widths[i])),
      }),
      ...b.rows.map(
        (r) => new TableRow({ children: r.map((c, i) => cell(c, false, b.widths[i])) }),
      ),
    ],
  });
}

function children(b: Block): Child[] {
  switch (b.t) {
    case 'title':
      return [
        new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: b.text })] }),
        new Paragraph({
          children: [new TextRun({ text: b.sub, size: 24 })],
          spacing: { after: 240 },
        }),
      ];
    case 'h1':
      return [
        new Paragraph({
          heading: HeadingLevel.HEADING_1,
          children: [new TextRun({ text: b.text })],
        }),
      ];
    case 'h2':
      return [
        new Paragraph({
          heading: HeadingLevel.HEADING_2,
          children: [new TextRun({ text: b.text })],
        }),
      ];
    case 'p':
      return [
        new Paragraph({
          children: [
            new TextRun({
              text: b.text,
              bold: b.strong ?? false,
              color: b.muted ? '444444' : '000000',
            }),
          ],
        }),
      ];
    case 'kv':
      return b.rows.map(
        ([k, v]) =>
          new Paragraph({
            children: [new TextRun({ text: `${k}: `, bold: true }), new TextRun({ text: v })],
          }),
      );
    case 'list':
      return b.items.map(
        (i) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: i })] }),
      );
    case 'table':
      return [table(b), new Paragraph({ children: [] })];
    case 'break':
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

export async function minutesDocx(view: MinutesView, lang: Lang = 'sv'): Promise<Buffer> {
  const doc = new Document({
    creator: view.document.body.name,
    title: `Protokoll ${view.document.body.name} ${view.document.date}`,
    description: view.sha256,
    styles: { default: { document: { run: { font: 'DejaVu Sans', size: 21 } } } },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        children: [
          ...minutesBlocks(view, lang).flatMap(children),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new TextRun({
                text: `SHA-256 ${view.lock?.sha256 ?? view.sha256}`,
                size: 14,
                color: '555555',
              }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
