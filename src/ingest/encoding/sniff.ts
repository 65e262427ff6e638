/**
 * Byte-level checks that run before any text decoding: byte-order marks, magic
 * numbers of binary formats, the NUL pattern of UTF-16 without a BOM, counts of
 * control bytes, and a UTF-8 validity scan that locates the first bad byte.
 * Every function is a single linear pass (or looks at a bounded prefix).
 */

/** How many leading bytes the heuristics look at. */
export const SAMPLE_BYTES = 64 * 1024;

export type Bom = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/** The byte-order mark at the start of `bytes`, if any, and its length. */
export function detectBom(bytes: Uint8Array): { bom: Bom; length: number } | undefined {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return { bom: 'utf-8', length: 3 };
  // UTF-32LE's BOM starts like UTF-16LE's: test it first.
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return { bom: 'utf-32le', length: 4 };
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return { bom: 'utf-32be', length: 4 };
  if (a === 0xff && b === 0xfe) return { bom: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { bom: 'utf-16be', length: 2 };
  return undefined;
}

/** A recognised binary format: what it is, and what the publisher should do. */
export interface BinaryKind {
  kind: string;
  hint: string;
}

const HINT_DOCUMENT =
  'Convert the document to plain text or HTML (for example "Save as" .txt with UTF-8 encoding) and ingest that file instead.';
const decompress = (tool: string): string => `Decompress it first (${tool}) and ingest the text inside.`;
const HINT_ARCHIVE = 'Extract the archive and ingest the text or HTML files inside.';
const HINT_IMAGE = 'loa reads text, not images: provide the announcement as text or HTML (run OCR first if it is a scan).';
const HINT_PROGRAM = 'This is not a document: remove it from the input folder.';

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

function ascii(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0));
}

/** Whether the ASCII string `needle` occurs in the first {@link SAMPLE_BYTES} of `bytes`. */
function containsAscii(bytes: Uint8Array, needle: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SAMPLE_BYTES)).includes(needle, 0, 'latin1');
}

/** What kind of ZIP-based file this is, from the entry names near its start. */
function zipKind(bytes: Uint8Array): BinaryKind {
  if (containsAscii(bytes, 'word/')) return { kind: 'a Word document (.docx, a ZIP archive)', hint: HINT_DOCUMENT };
  if (containsAscii(bytes, 'xl/')) return { kind: 'an Excel workbook (.xlsx, a ZIP archive)', hint: HINT_DOCUMENT };
  if (containsAscii(bytes, 'ppt/')) return { kind: 'a PowerPoint file (.pptx, a ZIP archive)', hint: HINT_DOCUMENT };
  if (containsAscii(bytes, 'application/vnd.oasis.opendocument'))
    return { kind: 'an OpenDocument file (.odt/.ods, a ZIP archive)', hint: HINT_DOCUMENT };
  if (containsAscii(bytes, '[Content_Types].xml')) return { kind: 'an Office Open XML document (a ZIP archive)', hint: HINT_DOCUMENT };
  return { kind: 'a ZIP archive', hint: HINT_ARCHIVE };
}

/** Magic numbers at offset 0 and what they mean. */
const MAGIC: ReadonlyArray<{ sig: number[]; check?: (b: Uint8Array) => boolean; kind: BinaryKind | ((b: Uint8Array) => BinaryKind) }> = [
  { sig: [0x1f, 0x8b], kind: { kind: 'gzip-compressed data', hint: decompress('gunzip') } },
  { sig: [0x50, 0x4b, 0x03, 0x04], kind: zipKind },
  { sig: [0x50, 0x4b, 0x05, 0x06], kind: { kind: 'an empty ZIP archive', hint: HINT_ARCHIVE } },
  { sig: [0x50, 0x4b, 0x07, 0x08], kind: zipKind },
  { sig: ascii('%PDF-'), kind: { kind: 'a PDF document', hint: 'Convert the PDF to text (for example pdftotext -enc UTF-8) or HTML and ingest that file instead.' } },
  { sig: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], kind: { kind: 'a PNG image', hint: HINT_IMAGE } },
  { sig: [0xff, 0xd8, 0xff], kind: { kind: 'a JPEG image', hint: HINT_IMAGE } },
  { sig: ascii('GIF87a'), kind: { kind: 'a GIF image', hint: HINT_IMAGE } },
  { sig: ascii('GIF89a'), kind: { kind: 'a GIF image', hint: HINT_IMAGE } },
  { sig: ascii('RIFF'), check: (b) => startsWith(b, ascii('WEBP'), 8), kind: { kind: 'a WebP image', hint: HINT_IMAGE } },
  { sig: [0x49, 0x49, 0x2a, 0x00], kind: { kind: 'a TIFF image', hint: HINT_IMAGE } },
  { sig: [0x4d, 0x4d, 0x00, 0x2a], kind: { kind: 'a TIFF image', hint: HINT_IMAGE } },
  {
    sig: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    kind: { kind: 'a legacy Microsoft Office document (.doc/.xls/.ppt)', hint: HINT_DOCUMENT },
  },
  { sig: ascii('{\\rtf'), kind: { kind: 'an RTF document', hint: HINT_DOCUMENT } },
  { sig: ascii('BZh'), check: (b) => b[3]! >= 0x31 && b[3]! <= 0x39, kind: { kind: 'bzip2-compressed data', hint: decompress('bunzip2') } },
  { sig: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], kind: { kind: 'xz-compressed data', hint: decompress('unxz') } },
  { sig: [0x28, 0xb5, 0x2f, 0xfd], kind: { kind: 'zstd-compressed data', hint: decompress('unzstd') } },
  { sig: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: { kind: 'a 7-Zip archive', hint: HINT_ARCHIVE } },
  { sig: ascii('Rar!\x1a\x07'), kind: { kind: 'a RAR archive', hint: HINT_ARCHIVE } },
  { sig: [0x7f, 0x45, 0x4c, 0x46], kind: { kind: 'an ELF executable', hint: HINT_PROGRAM } },
  { sig: ascii('SQLite format 3\0'), kind: { kind: 'an SQLite database', hint: HINT_PROGRAM } },
];

/**
 * The binary format announced by the file's first bytes, if it is a known one.
 * bzip2 also needs its block-size digit, so a text starting "BZh" is not caught.
 */
export function detectMagic(bytes: Uint8Array): BinaryKind | undefined {
  for (const m of MAGIC) {
    if (!startsWith(bytes, m.sig) || (m.check !== undefined && !m.check(bytes))) continue;
    return typeof m.kind === 'function' ? m.kind(bytes) : m.kind;
  }
  return undefined;
}

/**
 * Whether the first bytes look like UTF-16 without a BOM. Vietnamese text is
 * mostly ASCII-range code units (letters, digits, spaces), whose high byte is
 * 0x00; its other code units (U+00C0–U+01B0, U+0300–U+0323, U+1EA0–U+1EF9) have
 * high bytes 0x00, 0x01, 0x03 or 0x1E and rarely a 0x00 low byte. So UTF-16LE
 * shows NULs at odd offsets and almost none at even ones; UTF-16BE the reverse.
 *
 * Rule: at least 30% of the code units have a NUL in the expected position, and
 * NULs in the other position are at most a quarter as many. The byte count must
 * be even. The caller still decodes strictly and checks for control characters,
 * so binary data with a similar NUL pattern is not accepted as text.
 */
export function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  const n = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const units = n / 2;
  if (zeroOdd >= 0.3 * units && zeroEven <= 0.25 * zeroOdd) return 'utf-16le';
  if (zeroEven >= 0.3 * units && zeroOdd <= 0.25 * zeroEven) return 'utf-16be';
  return undefined;
}

/**
 * C0 bytes that TCVN3 (VN1 table) or VISCII use for capital toned letters:
 * TCVN 01 02 04 05 06 11–17, VISCII 02 05 06 14 19 1E. They are controls in
 * UTF-8 but letters in those encodings, so they are counted apart.
 */
const LEGACY_LETTER_CONTROLS = [0x01, 0x02, 0x04, 0x05, 0x06, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x19, 0x1e];

/** Byte classes for {@link byteStats}. */
const enum Cls {
  Text = 0,
  Nul = 1,
  Control = 2,
  LegacyLetter = 3,
  Space = 4,
  High = 5,
}
const CLASS = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  if (b === 0) CLASS[b] = Cls.Nul;
  else if (b === 0x09 || b === 0x0a || b === 0x0b || b === 0x0c || b === 0x0d || b === 0x20) CLASS[b] = Cls.Space;
  else if (LEGACY_LETTER_CONTROLS.includes(b)) CLASS[b] = Cls.LegacyLetter;
  else if (b < 0x20 || b === 0x7f) CLASS[b] = Cls.Control;
  else if (b >= 0x80) CLASS[b] = Cls.High;
  else CLASS[b] = Cls.Text;
}

/** Counts from one pass over the bytes. */
export interface ByteStats {
  nulCount: number;
  /** Offset of the first NUL byte, or -1. */
  firstNul: number;
  /** C0 controls other than tab, LF, VT, FF, CR and the legacy letters; plus DEL. */
  controls: number;
  /** C0 bytes that are letters in TCVN3/VISCII. */
  legacyLetterControls: number;
  /** Bytes 0x80–0xFF. */
  high: number;
  /** Only ASCII whitespace (or nothing). */
  whitespaceOnly: boolean;
}

/** One linear pass over all the bytes. */
export function byteStats(bytes: Uint8Array, from = 0): ByteStats {
  const counts = [0, 0, 0, 0, 0, 0];
  let firstNul = -1;
  for (let i = from; i < bytes.length; i++) {
    const c = CLASS[bytes[i]!]!;
    counts[c]!++;
    if (c === Cls.Nul && firstNul < 0) firstNul = i;
  }
  const total = bytes.length - from;
  return {
    nulCount: counts[Cls.Nul]!,
    firstNul,
    controls: counts[Cls.Control]!,
    legacyLetterControls: counts[Cls.LegacyLetter]!,
    high: counts[Cls.High]!,
    whitespaceOnly: counts[Cls.Space]! === total,
  };
}

/**
 * Share of control bytes above which a file is called binary: 1% of its bytes
 * (and at least 2 of them). Real text has none; binary formats have many.
 */
export function tooManyControls(controls: number, total: number): boolean {
  return controls >= 2 && controls > 0.01 * total;
}

/** Result of {@link scanUtf8}. */
export interface Utf8Scan {
  /** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
  firstBad: number;
  /** Number of well-formed multi-byte sequences. */
  validMultibyte: number;
  /** Number of ill-formed sequences (each maximal bad subpart counts once). */
  invalid: number;
}

/**
 * Scan for UTF-8 well-formedness (Unicode Table 3-7: no overlongs, no
 * surrogates, nothing above U+10FFFF). An ill-formed sequence is skipped by its
 * maximal subpart, as the WHATWG decoder does. Linear.
 */
export function scanUtf8(bytes: Uint8Array, from = 0): Utf8Scan {
  let firstBad = -1;
  let validMultibyte = 0;
  let invalid = 0;
  let i = from;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Continuation bytes needed, and the allowed range of the first one.
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    let ok = need > 0;
    let j = i + 1;
    for (let k = 0; ok && k < need; k++, j++) {
      const c = j < n ? bytes[j]! : -1;
      const min = k === 0 ? lo : 0x80;
      const max = k === 0 ? hi : 0xbf;
      if (c < min || c > max) ok = false;
    }
    if (ok) {
      validMultibyte++;
      i = j;
    } else {
      invalid++;
      if (firstBad < 0) firstBad = i;
      // Resume at the byte that broke the sequence (at least one byte on).
      i = Math.max(i + 1, j - 1);
    }
  }
  return { firstBad, validMultibyte, invalid };
}
