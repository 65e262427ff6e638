/**
 * A compact checker for Vietnamese syllables, used to judge how "Vietnamese" a
 * candidate decoding looks. A written syllable is
 *
 *     onset? + rhyme, with at most one tone mark on a vowel of the rhyme,
 *
 * where the rhyme (medial glide + nucleus + coda) comes from a closed list. The
 * checker also applies the two rules that garbled text breaks most often:
 *  - a syllable ending in a stop (-p -t -c -ch) only takes the sắc or nặng tone;
 *  - k, gh, ngh only come before e ê i y, and c, ng never do.
 *  - the word is written in lower case, Capitalised or in CAPITALS.
 * It accepts some rare or impossible syllables (it is a plausibility filter, not
 * a spelling checker) and rejects loanwords and acronyms; both only shift every
 * candidate's score by the same small amount.
 */

/** Tone marks as combining characters; index = tone number (1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng). */
const TONE_MARKS = ['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
/** The twelve written vowels before a tone is added. */
const VOWELS = 'aăâeêioôơuưy';

/** Lower-case toned or plain vowel → its toneless vowel and tone number. */
const VOWEL_INFO = new Map<string, { base: string; tone: number }>();
/** Every non-ASCII letter of the Vietnamese alphabet, both cases (NFC). */
export const VIETNAMESE_LETTERS = new Set<string>(['đ', 'Đ']);

for (const v of VOWELS) {
  for (let tone = 0; tone <= 5; tone++) {
    const ch = tone === 0 ? v : (v + TONE_MARKS[tone - 1]).normalize('NFC');
    VOWEL_INFO.set(ch, { base: v, tone });
    if (ch.charCodeAt(0) >= 0x80) {
      VIETNAMESE_LETTERS.add(ch);
      VIETNAMESE_LETTERS.add(ch.toUpperCase());
    }
  }
}

const CONSONANTS = new Set('bcdđghklmnpqrstvx');

/** Initial consonants as written (qu and gi count as onsets). */
const ONSETS = [
  '', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh',
  'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x',
];

/** Rhymes written without a tone: nucleus alone, with a final, with an on-glide (o/u). */
const RHYMES = new Set(
  `a ai ao au ay am an ang anh ac ach ap at
   ăm ăn ăng ăc ăp ăt
   âu ây âm ân âng âc âp ât
   e eo em en eng ec ep et
   ê êu êm ên ênh êch êp êt
   i ia iu im in inh ich ip it
   iêu iêm iên iêng iêc iêp iêt
   y ya yu ynh yt ych yêu yêm yên yêng yêt
   o oi om on ong oc op ot oong ooc
   ô ôi ôm ôn ông ôc ôp ôt
   ơ ơi ơm ơn ơp ơt
   u ua ui um un ung uc up ut
   uôi uôm uôn uông uôc uôt
   ư ưa ưi ưu ưm ưn ưng ưc ưt
   ươi ươu ươm ươn ương ươc ươp ươt
   oa oai oay oam oan oang oanh oac oach oap oat
   oăm oăn oăng oăc oăt
   oe oeo oem oen oet
   uê uênh uêch
   uy uya uyu uyn uynh uych uyt uyp uyên uyêt
   uân uâng uât uây uơ`.split(/\s+/),
);

/** Longest written syllable ("nghiêng", "khuyếch"). */
const MAX_LENGTH = 7;

function endsInStop(rhyme: string): boolean {
  const last = rhyme.charCodeAt(rhyme.length - 1);
  return last === 0x70 /* p */ || last === 0x74 /* t */ || last === 0x63 /* c */ || rhyme.endsWith('ch');
}

/**
 * Whether `word` (one run of letters, NFC) is a plausible Vietnamese syllable.
 * Case-insensitive. Linear in the word's length (bounded by {@link MAX_LENGTH}).
 */
export function isVietnameseSyllable(word: string): boolean {
  if (word.length === 0 || word.length > MAX_LENGTH) return false;
  const lower = word.toLowerCase();
  // Case shape: "việt", "Việt" or "VIỆT". A capital after a small letter ("bỔ")
  // is what a wrong table that has capitals in odd places produces.
  if (word !== lower && word !== word.toUpperCase() && word.slice(1) !== lower.slice(1)) return false;
  let bare = '';
  let tone = 0;
  for (const ch of lower) {
    const v = VOWEL_INFO.get(ch);
    if (v !== undefined) {
      if (v.tone !== 0) {
        if (tone !== 0) return false;
        tone = v.tone;
      }
      bare += v.base;
    } else if (CONSONANTS.has(ch)) {
      bare += ch;
    } else {
      return false;
    }
  }
  for (const onset of ONSETS) {
    if (!bare.startsWith(onset)) continue;
    const rhyme = bare.slice(onset.length);
    if (!RHYMES.has(rhyme)) continue;
    if (endsInStop(rhyme) && tone !== 1 && tone !== 5) continue;
    const first = rhyme[0]!;
    const front = first === 'e' || first === 'ê' || first === 'i' || first === 'y';
    if ((onset === 'k' || onset === 'gh' || onset === 'ngh') && !front) continue;
    if ((onset === 'c' || onset === 'ng') && front) continue;
    if (onset === 'qu' && (first === 'u' || first === 'ư' || first === 'o')) continue;
    return true;
  }
  return false;
}
