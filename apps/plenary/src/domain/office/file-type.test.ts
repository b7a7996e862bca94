// Uploaded documents are typed by content and name together (R02, R08).
import { describe, expect, it } from 'vitest';
import { checkFile, MAX_FILE_BYTES } from './file-type.ts';

const pdf = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj\n');
const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');

describe('checkFile', () => {
  it('accepts a PDF named .pdf as application/pdf', () => {
    expect(checkFile('Tjänsteskrivelse.pdf', pdf)).toEqual({ mediaType: 'application/pdf' });
  });
  it('refuses HTML renamed to .pdf and a PDF named .exe', () => {
    expect(checkFile('handling.pdf', html)).toHaveProperty('error');
    expect(checkFile('handling.exe', pdf)).toHaveProperty('error');
  });
  it('types a .docx by its zip container and its name', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]);
    expect(checkFile('Motion.docx', zip)).toEqual({
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
  });
  it('refuses an empty or oversize file', () => {
    expect(checkFile('a.pdf', new Uint8Array())).toHaveProperty('error');
    const big = new Uint8Array(MAX_FILE_BYTES + 1);
    big.set(pdf);
    expect(checkFile('a.pdf', big)).toHaveProperty('error');
  });
});
