/**
 * VNI-Windows, the 8-bit encoding of the VNI fonts ("VNI-Times", "VNI-Helve", …).
 * No codec library knows it, so the table is written out here.
 *
 * How VNI writes a Vietnamese letter
 * ----------------------------------
 * VNI keeps the Windows-1252 layout (so files open as Latin-1 look like
 * "Vieät Nam") and writes most accented letters as a plain ASCII base letter
 * followed by ONE modifier byte that carries the vowel mark and/or the tone.
 * A few letters have a single byte of their own. Upper-case modifier bytes are
 * the lower-case ones minus 0x20 (the same case pairing as in Latin-1).
 *
 * 1. Tone-only modifiers, after a e o u y, after ơ ư (themselves single bytes,
 *    see 3) and after their capitals:
 *
 *    | tone            | lower | upper | example              |
 *    |-----------------|-------|-------|----------------------|
 *    | sắc (acute)     | F9 ù  | D9 Ù  | "phaùp"  = "pháp"    |
 *    | huyền (grave)   | F8 ø  | D8 Ø  | "Haø"    = "Hà"      |
 *    | hỏi (hook)      | FB û  | DB Û  | "chuû"   = "chủ"     |
 *    | ngã (tilde)     | F5 õ  | D5 Õ  | "xaõ"    = "xã"      |
 *    | nặng (dot)      | EF ï  | CF Ï  | "hoïc"   = "học"     |
 *
 * 2. Circumflex (â ê ô) and breve (ă) modifiers, each with its own byte per tone.
 *    The circumflex set follows a e o, the breve set follows a only:
 *
 *    | tone      | circumflex lower/upper | breve lower/upper | examples                    |
 *    |-----------|------------------------|-------------------|-----------------------------|
 *    | (none)    | E2 â / C2 Â            | EA ê / CA Ê       | "caân"=cân, "Naêm"=Năm      |
 *    | sắc       | E1 á / C1 Á            | E9 é / C9 É       | "caáp"=cấp, "aén"=ắn        |
 *    | huyền     | E0 à / C0 À            | E8 è / C8 È       | "caàn"=cần, "nhaèm"=nhằm    |
 *    | hỏi       | E5 å / C5 Å            | FA ú / DA Ú       | "chuaån"=chuẩn, "aún"=ẳn    |
 *    | ngã       | E3 ã / C3 Ã            | FC ü / DC Ü       | "daãn"=dẫn, "aün"=ẵn        |
 *    | nặng      | E4 ä / C4 Ä            | EB ë / CB Ë       | "Vieät"=Việt, "ñaëc"=đặc    |
 *
 * 3. Letters with a byte of their own (no base letter before them):
 *
 *    | letter | lower | upper | why / example                               |
 *    |--------|-------|-------|---------------------------------------------|
 *    | ơ      | F4 ô  | D4 Ô  | horn vowels: "ôû"=ở, "Tröôøng"=Trường       |
 *    | ư      | F6 ö  | D6 Ö  | then take a tone-only modifier (table 1)    |
 *    | đ      | F1 ñ  | D1 Ñ  | "Ñaïi"=Đại                                  |
 *    | í      | ED í  | CD Í  | i already has a dot, so its five toned      |
 *    | ì      | EC ì  | CC Ì  | forms are single glyphs:                    |
 *    | ỉ      | E6 æ  | C6 Æ  | "Chæ"=Chỉ                                   |
 *    | ĩ      | F3 ó  | D3 Ó  | "nghóa"=nghĩa                               |
 *    | ị      | F2 ò  | D2 Ò  | "thò"=thị, "ñònh"=định                      |
 *    | ỵ      | EE î  | CE Î  | y with dot below (ý ỳ ỷ ỹ use table 1)      |
 *
 * Every other byte is its Windows-1252 character (ASCII, curly quotes, dashes…).
 * A modifier byte that does not follow a base letter it can combine with is
 * also read as its Windows-1252 character, so text that is not VNI decodes into
 * visibly odd words rather than being forced into Vietnamese letters; the
 * plausibility score then rejects it. A lower-case modifier after a capital
 * (or the reverse) is not combined either: VNI typing never produces it.
 */

import iconv from 'iconv-lite';

/** Tone marks as combining characters, index = tone number (0 = ngang, no mark). */
const TONE_MARK = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const;

/** One VNI modifier byte: which vowel mark and which tone it adds (lower-case form). */
export interface VniModifier {
  /** The lower-case byte; the upper-case byte is `byte - 0x20`. */
  byte: number;
  /** `circumflex` (â ê ô), `breve` (ă) or `none` (tone only). */
  mark: 'circumflex' | 'breve' | 'none';
  /** 0 ngang, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng. */
  tone: 0 | 1 | 2 | 3 | 4 | 5;
}

/** Table 1 and 2 of the header comment, lower-case bytes. */
export const VNI_MODIFIERS: readonly VniModifier[] = [
  { byte: 0xf9, mark: 'none', tone: 1 },
  { byte: 0xf8, mark: 'none', tone: 2 },
  { byte: 0xfb, mark: 'none', tone: 3 },
  { byte: 0xf5, mark: 'none', tone: 4 },
  { byte: 0xef, mark: 'none', tone: 5 },
  { byte: 0xe2, mark: 'circumflex', tone: 0 },
  { byte: 0xe1, mark: 'circumflex', tone: 1 },
  { byte: 0xe0, mark: 'circumflex', tone: 2 },
  { byte: 0xe5, mark: 'circumflex', tone: 3 },
  { byte: 0xe3, mark: 'circumflex', tone: 4 },
  { byte: 0xe4, mark: 'circumflex', tone: 5 },
  { byte: 0xea, mark: 'breve', tone: 0 },
  { byte: 0xe9, mark: 'breve', tone: 1 },
  { byte: 0xe8, mark: 'breve', tone: 2 },
  { byte: 0xfa, mark: 'breve', tone: 3 },
  { byte: 0xfc, mark: 'breve', tone: 4 },
  { byte: 0xeb, mark: 'breve', tone: 5 },
];

/** Table 3 of the header comment, lower-case bytes (upper-case = byte - 0x20, letter upper-cased). */
export const VNI_LETTERS: ReadonlyArray<readonly [byte: number, letter: string]> = [
  [0xf4, 'ơ'],
  [0xf6, 'ư'],
  [0xf1, 'đ'],
  [0xed, 'í'],
  [0xec, 'ì'],
  [0xe6, 'ỉ'],
  [0xf3, 'ĩ'],
  [0xf2, 'ị'],
  [0xee, 'ỵ'],
];

/** Base letters each kind of modifier may follow (lower case). */
const BASES: Record<VniModifier['mark'], string> = {
  none: 'aeouyơư',
  circumflex: 'aeo',
  breve: 'a',
};
const MARK_CHAR: Record<VniModifier['mark'], string> = { none: '', circumflex: '\u0302', breve: '\u0306' };

/** (base code unit << 8 | modifier byte) → composed letter code unit. */
const COMPOSE = new Map<number, number>();
/** Byte → code unit when the byte stands alone. */
const SINGLE = new Uint16Array(256);
/** Bytes that no Windows-1252 character uses (they decode to U+FFFD). */
const UNDEFINED = new Uint8Array(256);

{
  const all = new Uint8Array(256);
  for (let i = 0; i < 256; i++) all[i] = i;
  const cp1252 = iconv.decode(Buffer.from(all), 'windows1252');
  for (let i = 0; i < 256; i++) {
    SINGLE[i] = cp1252.charCodeAt(i);
    if (SINGLE[i] === 0xfffd) UNDEFINED[i] = 1;
  }
  for (const [byte, letter] of VNI_LETTERS) {
    SINGLE[byte] = letter.charCodeAt(0);
    SINGLE[byte - 0x20] = letter.toUpperCase().charCodeAt(0);
  }
  for (const m of VNI_MODIFIERS) {
    for (const base of BASES[m.mark]) {
      const lower = (base + MARK_CHAR[m.mark] + TONE_MARK[m.tone]).normalize('NFC');
      const upper = lower.toUpperCase();
      if (lower.length !== 1 || upper.length !== 1) throw new Error(`VNI table: ${base}+${m.byte.toString(16)} does not compose`);
      COMPOSE.set((base.charCodeAt(0) << 8) | m.byte, lower.charCodeAt(0));
      COMPOSE.set((base.toUpperCase().charCodeAt(0) << 8) | (m.byte - 0x20), upper.charCodeAt(0));
    }
  }
}

/**
 * Decode VNI-Windows bytes to a string. The output is NFC by construction (every
 * letter is produced precomposed); it is normalised once more for safety.
 * Linear in the input; never throws. Bytes undefined in Windows-1252 become U+FFFD:
 * callers check {@link vniUndefinedByte} first.
 */
export function decodeVni(bytes: Uint8Array): string {
  const out = new Uint16Array(bytes.length);
  let len = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out[len++] = b;
      continue;
    }
    if (len > 0) {
      const composed = COMPOSE.get((out[len - 1]! << 8) | b);
      if (composed !== undefined) {
        out[len - 1] = composed;
        continue;
      }
    }
    out[len++] = SINGLE[b]!;
  }
  return Buffer.from(out.buffer, out.byteOffset, len * 2).toString('utf16le').normalize('NFC');
}

/** Offset of the first byte that VNI (Windows-1252) leaves undefined, or -1. */
export function vniUndefinedByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if (UNDEFINED[bytes[i]!]) return i;
  return -1;
}
