/**
 * The four 8-bit Vietnamese encodings still found in old government files.
 * Windows-1258, TCVN3 and VISCII come from iconv-lite; VNI from ./vni.ts.
 * Each decoder is one linear pass; all of them are total (every byte decodes),
 * except for the few bytes a code page leaves undefined, which
 * {@link firstUndefinedByte} reports so that they are never turned into U+FFFD
 * silently.
 */

import iconv from 'iconv-lite';
import { decodeVni, vniUndefinedByte } from './vni.ts';

export type LegacyEncoding = 'windows-1258' | 'tcvn3' | 'viscii' | 'vni';

/** The legacy encodings, in the order used to break exact ties. */
export const LEGACY_ENCODINGS: readonly LegacyEncoding[] = ['windows-1258', 'tcvn3', 'viscii', 'vni'];

/** iconv-lite's names. `tcvn` is TCVN 5712 VN1, a superset of the TCVN3 "ABC" font layout. */
const ICONV_NAME = { 'windows-1258': 'windows1258', tcvn3: 'tcvn', viscii: 'viscii' } as const;

/** Per iconv encoding: 1 for bytes that decode to U+FFFD (undefined in the code page). */
const UNDEFINED: Record<keyof typeof ICONV_NAME, Uint8Array> = {
  'windows-1258': undefinedBytes('windows1258'),
  tcvn3: undefinedBytes('tcvn'),
  viscii: undefinedBytes('viscii'),
};

function undefinedBytes(name: string): Uint8Array {
  const all = new Uint8Array(256);
  for (let i = 0; i < 256; i++) all[i] = i;
  const s = iconv.decode(Buffer.from(all), name);
  const out = new Uint8Array(256);
  for (let i = 0; i < 256; i++) if (s.charCodeAt(i) === 0xfffd) out[i] = 1;
  return out;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Decode with one legacy encoding. Windows-1258 writes most tones as separate
 * combining bytes, so its output is normalised to NFC; VNI's output is NFC by
 * construction. TCVN3 and VISCII are returned as decoded (precomposed already).
 */
export function decodeLegacy(bytes: Uint8Array, encoding: LegacyEncoding): string {
  switch (encoding) {
    case 'vni':
      return decodeVni(bytes);
    case 'windows-1258':
      return iconv.decode(asBuffer(bytes), ICONV_NAME[encoding]).normalize('NFC');
    case 'tcvn3':
    case 'viscii':
      return iconv.decode(asBuffer(bytes), ICONV_NAME[encoding]);
  }
}

/** Offset of the first byte that `encoding` leaves undefined, or -1 if there is none. */
export function firstUndefinedByte(bytes: Uint8Array, encoding: LegacyEncoding): number {
  if (encoding === 'vni') return vniUndefinedByte(bytes);
  const table = UNDEFINED[encoding];
  for (let i = 0; i < bytes.length; i++) if (table[bytes[i]!]) return i;
  return -1;
}
