/**
 * Bytes → text for ingest. Decides the encoding of a file (UTF-8, UTF-16, or one
 * of the legacy Vietnamese 8-bit encodings), rejects binary, empty and damaged
 * files with a reason and a hint for the publisher, and never replaces bad bytes
 * with U+FFFD silently.
 *
 * Detection order in {@link decodeBytes}:
 *  1. empty file → `empty_file`;
 *  2. byte-order mark: UTF-8 (stripped, strict), UTF-16LE/BE, UTF-32 (refused);
 *  3. magic number of a binary format (gzip, ZIP/DOCX, PDF, PNG, JPEG, …) → `binary_content`;
 *  4. UTF-16 without BOM, from the pattern of NUL bytes (see {@link guessUtf16});
 *  5. NUL bytes, or more than 1% control bytes → `binary_content`;
 *     ASCII whitespace only → `empty_file`;
 *  6. strictly valid UTF-8 → `utf-8`;
 *  7. mostly valid UTF-8 (at least 2 well-formed multi-byte characters and at
 *     least 4 for every ill-formed sequence, i.e. ≥ 80% of the non-ASCII
 *     sequences are good) → `invalid_utf8`, naming the first bad byte: such a
 *     file is damaged UTF-8, and a legacy decoding of it would be garbage that
 *     looks like success;
 *  8. otherwise the legacy encodings are scored on a 64 KB sample that starts
 *     just before the first byte that is not UTF-8 (./score.ts), and the best one
 *     is chosen only if it is clearly right (see {@link DETECTION}); else
 *     `encoding_undecidable`. The message then lists every candidate's score,
 *     and says so when many sequences are valid UTF-8 (≥ 25% of the non-ASCII
 *     sequences, at least 5: random bytes give ~12%, legacy Vietnamese < 5%),
 *     since that points to a file mixing UTF-8 and a legacy encoding.
 */

import { decodeLegacy, firstUndefinedByte, LEGACY_ENCODINGS, type LegacyEncoding } from './legacy.ts';
import { plausibility } from './score.ts';
import {
  byteStats,
  detectBom,
  detectMagic,
  guessUtf16,
  SAMPLE_BYTES,
  scanUtf8,
  tooManyControls,
  type BinaryKind,
  type Utf8Scan,
} from './sniff.ts';

/** Every encoding name a successful decoding can report, and {@link decodeAs} accepts. */
export const ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1258', 'tcvn3', 'viscii', 'vni'] as const;

export type EncodingName = (typeof ENCODINGS)[number];

export type DecodeFailureCode = 'encoding_undecidable' | 'binary_content' | 'invalid_utf8' | 'empty_file';

export type DecodeResult =
  | { ok: true; text: string; encoding: EncodingName }
  | { ok: false; code: DecodeFailureCode; message: string; hint: string };

/**
 * Thresholds of the legacy-encoding choice (step 8).
 *  - `minInformativeWords`: the winner's sample must contain at least this many
 *    words with a non-ASCII letter; fewer is too little evidence (a 3-byte file,
 *    an English text with one accented name).
 *  - `minScore`: the winner's plausibility must reach this.
 *  - `minMargin`: the winner must beat the runner-up by this much.
 *  Measured on the test passage and on the announcements in data/ converted to
 *  each legacy encoding: the right decoding scores 0.99–1.00; wrong ones 0.03–0.61
 *  (the closest pair: TCVN3 text read as VISCII, 0.38–0.61, since both tables put
 *  lower-case Vietnamese letters in the high half). So a right answer clears both
 *  bars by a wide gap, and a wrong one that scores above 0.6 still loses on the
 *  margin. Candidates whose decoded sample is identical to the winner's are not
 *  rivals (e.g. text whose only non-ASCII letters are à á é, the same bytes in
 *  several tables); exact ties go to the first in `LEGACY_ENCODINGS` order.
 */
export const DETECTION = {
  sampleBytes: SAMPLE_BYTES,
  minInformativeWords: 5,
  minScore: 0.6,
  minMargin: 0.2,
  /** Step 7: well-formed multi-byte sequences per ill-formed one. */
  damagedUtf8Ratio: 4,
} as const;

const HINT_SAVE_UTF8 =
  'Save the file as UTF-8, or name its encoding explicitly (--encoding windows-1258, tcvn3, viscii or vni).';
const HINT_EMPTY = 'Check that the export or download did not fail; remove the file if it is not meant to be there.';
const HINT_DAMAGED_UTF8 =
  'Re-export the file as UTF-8 or repair the damaged bytes; loa does not replace them with U+FFFD silently.';

function fail(code: DecodeFailureCode, message: string, hint: string): DecodeResult {
  return { ok: false, code, message, hint };
}

function binary(kind: BinaryKind): DecodeResult {
  return fail('binary_content', `The file is ${kind.kind}, not plain text.`, kind.hint);
}

function hex(b: number): string {
  return `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const utf16Strict = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });

/** Whether every character is a space, line break or invisible (ZWSP, BOM…). */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const blank =
      (c >= 0x09 && c <= 0x0d) ||
      c === 0x20 ||
      c === 0x85 ||
      c === 0xa0 ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200d) ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0x2060 ||
      c === 0x3000 ||
      c === 0xfeff;
    if (!blank) return false;
  }
  return true;
}

/** C0 controls other than tab, LF, VT, FF, CR (NUL included), and DEL, in decoded text. */
function countControls(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && (c < 0x09 || c > 0x0d)) || c === 0x7f) n++;
  }
  return n;
}

/** Final checks shared by the Unicode paths: blank text and control characters. */
function finishUnicode(text: string, encoding: EncodingName): DecodeResult {
  if (isBlank(text)) return fail('empty_file', 'The file contains only whitespace.', HINT_EMPTY);
  const controls = countControls(text);
  if (tooManyControls(controls, text.length))
    return binary({
      kind: `binary data (${controls} control characters in ${text.length} after decoding as ${encoding})`,
      hint: 'loa reads text, HTML or JSON files: check what this file is.',
    });
  return { ok: true, text, encoding };
}

/** A short quote of the text just before `offset`, for locating a bad byte. */
function contextBefore(bytes: Uint8Array, from: number, offset: number): string {
  const start = Math.max(from, offset - 60);
  const before = utf8Lenient.decode(bytes.subarray(start, offset));
  const line = before.slice(before.lastIndexOf('\n') + 1).replace(/^\uFFFD+/, '');
  const tail = line.length > 30 ? `…${line.slice(-30)}` : line;
  return tail.trim() === '' ? '' : ` after "${tail}"`;
}

/** 1-based line number of `offset` (counting LF bytes). */
function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function invalidUtf8(bytes: Uint8Array, from: number, why: string, scan = scanUtf8(bytes, from)): DecodeResult {
  const at = scan.firstBad;
  const where = `byte ${hex(bytes[at]!)} at offset ${at} (line ${lineOf(bytes, at)})${contextBefore(bytes, from, at)}`;
  const count = scan.invalid === 1 ? 'It is the only bad sequence' : `There are ${scan.invalid} bad sequences`;
  return fail(
    'invalid_utf8',
    `The file is not valid UTF-8: ${where} is not part of a valid character. ${count}; ${why}.`,
    HINT_DAMAGED_UTF8,
  );
}

function decodeUtf8(bytes: Uint8Array, from: number, encoding: 'utf-8' | 'utf-8-bom'): DecodeResult {
  let text: string;
  try {
    text = utf8Strict.decode(bytes.subarray(from));
  } catch {
    const why = encoding === 'utf-8-bom' ? 'the file starts with a UTF-8 byte-order mark, so it was meant to be UTF-8' : 'the file was read as UTF-8';
    return invalidUtf8(bytes, from, why);
  }
  return finishUnicode(text, encoding);
}

/** Offset (in bytes, from `from`) of the first unpaired surrogate in UTF-16 code units, or -1. */
function firstBadSurrogate(units: Uint8Array, from: number): number {
  for (let i = from; i + 1 < units.length; i += 2) {
    const u = units[i]! | (units[i + 1]! << 8);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 3 < units.length ? units[i + 2]! | (units[i + 3]! << 8) : -1;
      if (next >= 0xdc00 && next <= 0xdfff) i += 2;
      else return i;
    } else if (u >= 0xdc00 && u <= 0xdfff) return i;
  }
  return -1;
}

/** Strict UTF-16 decoding of `bytes` from `from`; the error message on failure. */
function utf16Text(bytes: Uint8Array, from: number, encoding: 'utf-16le' | 'utf-16be'): { text: string } | { error: string } {
  const body = bytes.subarray(from);
  const name = encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE';
  if (body.length % 2 !== 0) return { error: `it has an odd number of bytes (${bytes.length}), so it is truncated or not ${name}` };
  let le = body;
  if (encoding === 'utf-16be') {
    le = new Uint8Array(body.length);
    for (let i = 0; i < body.length; i += 2) {
      le[i] = body[i + 1]!;
      le[i + 1] = body[i]!;
    }
  }
  try {
    return { text: utf16Strict.decode(le) };
  } catch {
    const at = firstBadSurrogate(le, 0);
    return { error: `it has an unpaired surrogate code unit at offset ${from + Math.max(at, 0)}` };
  }
}

function decodeUtf16Declared(bytes: Uint8Array, from: number, encoding: 'utf-16le' | 'utf-16be'): DecodeResult {
  const r = utf16Text(bytes, from, encoding);
  if ('error' in r)
    return fail(
      'encoding_undecidable',
      `The file starts with a ${encoding.toUpperCase()} byte-order mark but is not valid ${encoding.toUpperCase()}: ${r.error}.`,
      'Re-export the file as UTF-8.',
    );
  return finishUnicode(r.text, encoding);
}

/** A candidate legacy decoding of the sample, with its plausibility. */
interface Candidate {
  encoding: LegacyEncoding;
  raw: string;
  nfc: string;
  score: number;
  informative: number;
}

function formatScores(cands: readonly Candidate[]): string {
  return cands.map((c) => `${c.encoding} ${c.score.toFixed(2)}`).join(', ');
}

/** Step 8: choose among the legacy encodings, or explain why not. */
function decodeLegacyGuess(bytes: Uint8Array, scan: Utf8Scan): DecodeResult {
  // Score 64 KB starting a little before the first non-ASCII byte that is not
  // UTF-8, so a long ASCII preamble (headers, markup) does not hide the evidence.
  const start = Math.max(0, Math.min(scan.firstBad - 1024, bytes.length - SAMPLE_BYTES));
  const sample = bytes.length > SAMPLE_BYTES ? bytes.subarray(start, start + SAMPLE_BYTES) : bytes;
  const candidates: Candidate[] = LEGACY_ENCODINGS.map((encoding) => {
    const raw = decodeLegacy(sample, encoding);
    const nfc = raw.normalize('NFC');
    const p = plausibility(nfc);
    return { encoding, raw, nfc, score: p.score, informative: p.informative };
  });
  // Stable sort: equal scores keep the LEGACY_ENCODINGS order.
  const ranked = [...candidates].sort((a, b) => b.score - a.score);
  const best = ranked[0]!;
  const rival = ranked.slice(1).find((c) => c.nfc !== best.nfc);

  const sequences = scan.validMultibyte + scan.invalid;
  const mixed =
    scan.validMultibyte >= 5 && scan.validMultibyte >= 0.25 * sequences
      ? ` ${scan.validMultibyte} of its ${sequences} non-ASCII sequences are valid UTF-8: it may mix UTF-8 with a legacy encoding.`
      : '';
  const notUtf8 = `It is not UTF-8 (first invalid byte ${hex(bytes[scan.firstBad]!)} at offset ${scan.firstBad}).${mixed}`;
  const scores = `Plausibility of each legacy encoding (share of words with Vietnamese letters that are Vietnamese syllables): ${formatScores(ranked)}.`;
  const undecidable = (why: string): DecodeResult => fail('encoding_undecidable', `${notUtf8} ${why} ${scores}`, HINT_SAVE_UTF8);

  if (best.informative < DETECTION.minInformativeWords)
    return undecidable(
      `Too little text to tell its encoding: ${best.informative} word(s) with non-ASCII letters, at least ${DETECTION.minInformativeWords} are needed.`,
    );
  if (best.score < DETECTION.minScore)
    return undecidable(`No legacy Vietnamese encoding makes it read as Vietnamese (best ${best.encoding} ${best.score.toFixed(2)}, needed ${DETECTION.minScore}).`);
  if (rival !== undefined && best.score - rival.score < DETECTION.minMargin)
    return undecidable(
      `${best.encoding} and ${rival.encoding} are too close to call (${best.score.toFixed(2)} vs ${rival.score.toFixed(2)}, a lead of ${DETECTION.minMargin} is needed).`,
    );

  const undef = firstUndefinedByte(bytes, best.encoding);
  if (undef >= 0)
    return fail(
      'encoding_undecidable',
      `The file reads best as ${best.encoding} (${best.score.toFixed(2)}), but byte ${hex(bytes[undef]!)} at offset ${undef} is undefined in ${best.encoding}. ${notUtf8}`,
      HINT_SAVE_UTF8,
    );
  const text = sample === bytes ? best.raw : decodeLegacy(bytes, best.encoding);
  return { ok: true, text, encoding: best.encoding };
}

/**
 * Decode a file's bytes, detecting the encoding.
 *
 * Returns the text (with any BOM removed) and the encoding name, or a failure
 * with a stable `code`, a message naming what was found (the binary format, the
 * offset of a bad byte, the candidate encodings and their scores) and a hint for
 * the publisher. Legacy decodings are returned in NFC for windows-1258 and vni;
 * other text is returned as decoded (the caller normalises).
 *
 * Cost: a few linear passes over the bytes plus the scoring of four decodings
 * of at most the first 64 KB, so large files stay fast.
 */
export function decodeBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return fail('empty_file', 'The file is empty (0 bytes).', HINT_EMPTY);

  const bom = detectBom(bytes);
  if (bom !== undefined) {
    switch (bom.bom) {
      case 'utf-8':
        return decodeUtf8(bytes, bom.length, 'utf-8-bom');
      case 'utf-16le':
      case 'utf-16be':
        return decodeUtf16Declared(bytes, bom.length, bom.bom);
      case 'utf-32le':
      case 'utf-32be':
        return fail(
          'encoding_undecidable',
          `The file starts with a ${bom.bom.toUpperCase()} byte-order mark; UTF-32 is not supported.`,
          'Save the file as UTF-8.',
        );
    }
  }

  const magic = detectMagic(bytes);
  if (magic !== undefined) return binary(magic);

  const utf16 = guessUtf16(bytes);
  if (utf16 !== undefined) {
    const r = utf16Text(bytes, 0, utf16);
    // Not decodable as UTF-16 after all: the NUL check below calls it binary.
    if ('text' in r) return finishUnicode(r.text, utf16);
  }

  const stats = byteStats(bytes);
  if (stats.nulCount > 0)
    return binary({
      kind: `binary data (${stats.nulCount} NUL byte${stats.nulCount === 1 ? '' : 's'}, the first at offset ${stats.firstNul})`,
      hint: 'loa reads text, HTML or JSON files: check what this file is. If it is UTF-16 or UTF-32 text, save it as UTF-8.',
    });
  if (stats.whitespaceOnly) return fail('empty_file', `The file contains only whitespace (${bytes.length} bytes).`, HINT_EMPTY);
  if (tooManyControls(stats.controls, bytes.length))
    return binary({
      kind: `binary data (${stats.controls} control bytes in ${bytes.length})`,
      hint: 'loa reads text, HTML or JSON files: check what this file is.',
    });

  const utf8 = strictUtf8OrUndefined(bytes);
  if (utf8 !== undefined) {
    // The C0 bytes TCVN3/VISCII use as letters are plain controls in UTF-8.
    if (tooManyControls(stats.controls + stats.legacyLetterControls, bytes.length))
      return binary({
        kind: `binary data (${stats.controls + stats.legacyLetterControls} control bytes in ${bytes.length})`,
        hint: 'loa reads text, HTML or JSON files: check what this file is.',
      });
    return finishUnicode(utf8, 'utf-8');
  }

  const scan = scanUtf8(bytes);
  if (scan.validMultibyte >= 2 && scan.validMultibyte >= DETECTION.damagedUtf8Ratio * scan.invalid)
    return invalidUtf8(
      bytes,
      0,
      `the other ${scan.validMultibyte} non-ASCII characters are valid UTF-8, so this is most likely a damaged UTF-8 file rather than a legacy encoding`,
      scan,
    );

  return decodeLegacyGuess(bytes, scan);
}

function strictUtf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Decode with an encoding the caller was told (e.g. `--encoding tcvn3`), without
 * guessing. Binary formats, empty files and bytes the encoding cannot decode are
 * still refused: UTF-8 strictly (`invalid_utf8` with the offset), UTF-16 strictly,
 * and a byte a legacy code page leaves undefined gives `encoding_undecidable`. A
 * BOM matching the encoding is stripped. `utf-8` and `utf-8-bom` are one request:
 * the result says `utf-8-bom` when the file has the BOM, `utf-8` when it does not.
 */
export function decodeAs(bytes: Uint8Array, encoding: EncodingName): DecodeResult {
  if (bytes.length === 0) return fail('empty_file', 'The file is empty (0 bytes).', HINT_EMPTY);
  const bom = detectBom(bytes);
  if (bom === undefined) {
    const magic = detectMagic(bytes);
    if (magic !== undefined) return binary(magic);
  }
  switch (encoding) {
    case 'utf-8':
    case 'utf-8-bom':
      return bom?.bom === 'utf-8' ? decodeUtf8(bytes, 3, 'utf-8-bom') : decodeUtf8(bytes, 0, 'utf-8');
    case 'utf-16le':
    case 'utf-16be': {
      const from = bom?.bom === encoding ? 2 : 0;
      const r = utf16Text(bytes, from, encoding);
      if ('error' in r)
        return fail('encoding_undecidable', `The file is not valid ${encoding.toUpperCase()}: ${r.error}.`, 'Check the encoding given, or re-export the file as UTF-8.');
      return finishUnicode(r.text, encoding);
    }
    default: {
      const stats = byteStats(bytes);
      if (stats.nulCount > 0)
        return binary({
          kind: `binary data (${stats.nulCount} NUL bytes, the first at offset ${stats.firstNul})`,
          hint: 'loa reads text, HTML or JSON files: check what this file is.',
        });
      if (stats.whitespaceOnly) return fail('empty_file', `The file contains only whitespace (${bytes.length} bytes).`, HINT_EMPTY);
      if (tooManyControls(stats.controls, bytes.length))
        return binary({ kind: `binary data (${stats.controls} control bytes in ${bytes.length})`, hint: 'loa reads text, HTML or JSON files: check what this file is.' });
      const undef = firstUndefinedByte(bytes, encoding);
      if (undef >= 0)
        return fail(
          'encoding_undecidable',
          `Byte ${hex(bytes[undef]!)} at offset ${undef} is undefined in ${encoding}, so the file is not ${encoding}.`,
          'Check the encoding given, or save the file as UTF-8.',
        );
      return { ok: true, text: decodeLegacy(bytes, encoding), encoding };
    }
  }
}

/** Accepted spellings of encoding names (lower case) for {@link parseEncodingName}. */
const ALIASES: Record<string, EncodingName> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-8-bom': 'utf-8-bom',
  'utf-8-sig': 'utf-8-bom',
  utf8bom: 'utf-8-bom',
  'utf-16le': 'utf-16le',
  utf16le: 'utf-16le',
  'utf-16be': 'utf-16be',
  utf16be: 'utf-16be',
  'windows-1258': 'windows-1258',
  windows1258: 'windows-1258',
  cp1258: 'windows-1258',
  win1258: 'windows-1258',
  tcvn3: 'tcvn3',
  tcvn: 'tcvn3',
  'tcvn-3': 'tcvn3',
  tcvn5712: 'tcvn3',
  abc: 'tcvn3',
  viscii: 'viscii',
  vni: 'vni',
  'vni-windows': 'vni',
};

/**
 * The encoding named by a user-supplied string (`UTF8`, `cp1258`, `TCVN`,
 * `abc`, `VNI-Windows`…), or `undefined` if it is not one loa can decode.
 */
export function parseEncodingName(name: string): EncodingName | undefined {
  return ALIASES[name.trim().toLowerCase()];
}
