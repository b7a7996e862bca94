// The type of an uploaded document, from its first bytes, checked against its name (R02, R08): never the client's word.
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface FileType {
  mediaType: string;
  extensions: readonly string[];
}

const types: { type: FileType; magic: (b: Uint8Array) => boolean }[] = [
  {
    type: { mediaType: 'application/pdf', extensions: ['pdf'] },
    magic: (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]),
  },
  {
    type: { mediaType: 'image/png', extensions: ['png'] },
    magic: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  {
    type: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
    magic: (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  },
  {
    // Office Open XML and OpenDocument are zip containers.
    type: {
      mediaType: 'application/zip',
      extensions: ['docx', 'xlsx', 'pptx', 'odt', 'ods'],
    },
    magic: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]),
  },
];

const containerTypes: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};

function startsWith(b: Uint8Array, prefix: number[]): boolean {
  return prefix.every((x, i) => b[i] === x);
}

export function extensionOf(filename: string): string {
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(filename);
  return m?.[1]?.toLowerCase() ?? '';
}

/** The media type to store and serve, or a message saying why the file is refused. */
export function checkFile(
  filename: string,
  bytes: Uint8Array,
): { mediaType: string } | { error: string } {
  if (bytes.length === 0) return { error: 'Filen är tom.' };
  if (bytes.length > MAX_FILE_BYTES)
    return {
      error: `Filen är större än ${MAX_FILE_BYTES / 1024 / 1024} MiB.`,
    };
  const ext = extensionOf(filename);
  const found = types.find((t) => t.magic(bytes));
  if (!found)
    return {
      error: 'Filtypen godtas inte: ladda upp PDF, Word/OpenDocument, PNG eller JPEG.',
    };
  if (!found.type.extensions.includes(ext))
    return {
      error: `Filens innehåll stämmer inte med namnet (.${ext}).`,
    };
  return { mediaType: containerTypes[ext] ?? found.type.mediaType };
}
