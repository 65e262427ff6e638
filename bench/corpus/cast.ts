/**
 * The people, bodies and documents the synthetic announcements talk about:
 * agencies, titles, provinces and documents from the reference tables, and a
 * pool of invented officials, each with a career of posts over time so that the
 * same person reappears with the title of the day.
 */
import { referenceData } from '../../src/core/reference.ts';
import { Random } from './random.ts';
import { DEPARTMENT_FIELDS, GIVEN_FEMALE, GIVEN_MALE, MIDDLE_FEMALE, MIDDLE_MALE, SURNAMES } from './vocabulary.ts';

/** An office held from `from` to `to` (ISO dates, inclusive). */
export interface Post {
  title: string;
  /** The body as written in running text ("Bộ Tư pháp", "UBND tỉnh Nghệ An"). */
  agency: string;
  /** The province of a local post, for venues. */
  province?: string;
  from: string;
  to: string;
}

/** An invented official. */
export interface Official {
  name: string;
  female: boolean;
  posts: Post[];
}

/** A legal document from `known-documents.csv`, ready to cite. */
export interface CitedDocument {
  type: string;
  number: string;
  /** `YYYY-MM-DD`. */
  date: string;
  issuer: string;
  /** The title as it follows the number ("quy định chi tiết …"), or the law's name. */
  title: string;
}

/** Everything the composer draws from. */
export interface Cast {
  officials: Official[];
  documents: CitedDocument[];
  /** Names of laws ("Luật Hộ tịch"), for topics. */
  laws: string[];
  provinces: string[];
}

/** First and last day an announcement may report. */
export const FIRST_DAY = '2012-01-01';
export const LAST_DAY = '2025-12-20';

/** A ladder of posts a career climbs, lowest first. */
type Ladder = { title: string; agency: string; province?: string }[];

/** The titles the corpus uses; each must exist in `titles.csv` (checked in `buildCast`). */
const TITLES_BY_HEAD: Record<string, [string, string]> = {
  'Bộ': ['Thứ trưởng', 'Bộ trưởng'],
  'Cục': ['Phó Cục trưởng', 'Cục trưởng'],
  'Tổng cục': ['Phó Tổng cục trưởng', 'Tổng cục trưởng'],
  'Vụ': ['Phó Vụ trưởng', 'Vụ trưởng'],
  'Viện': ['Phó Viện trưởng', 'Viện trưởng'],
  'Học viện': ['Phó Giám đốc', 'Giám đốc'],
};

function headOf(name: string): string | undefined {
  const heads = Object.keys(TITLES_BY_HEAD).sort((a, b) => b.length - a.length);
  return heads.find((h) => name.startsWith(`${h} `));
}

/** Builds the cast for a corpus of `size` announcements; deterministic for a seed. */
export function buildCast(size: number, random: Random): Cast {
  const ref = referenceData();
  const knownTitles = new Set(ref.titles.flatMap((t) => [t.title, ...t.aliases]));
  for (const [low, high] of Object.values(TITLES_BY_HEAD)) {
    for (const t of [low, high, 'Chủ tịch', 'Phó Chủ tịch', 'Giám đốc', 'Phó Giám đốc', 'Bí thư', 'Phó Bí thư']) {
      if (!knownTitles.has(t)) throw new Error(`the bench corpus uses the title "${t}", which titles.csv does not hold`);
    }
  }
  const stable = ref.agencies.filter((a) => a.kind === 'state' && a.level === 'central' && !a.validFrom && !a.validTo && a.replacedBy.length === 0);
  const central = stable.filter((a) => headOf(a.name) !== undefined);
  const ministries = central.filter((a) => headOf(a.name) === 'Bộ');
  const byId = new Map(ref.agencies.map((a) => [a.id, a]));
  const provinces = [...new Set(ref.provinces.map((p) => p.name))];
  const provinceKind = new Map(ref.provinces.map((p) => [p.name, p.kind]));

  const centralLadder = (): Ladder => {
    const unit = random.pick(central);
    const [low, high] = TITLES_BY_HEAD[headOf(unit.name)!]!;
    const ladder: Ladder = [
      { title: low, agency: unit.name },
      { title: high, agency: unit.name },
    ];
    const parent = byId.get(unit.parentId);
    const ministry = parent && headOf(parent.name) === 'Bộ' ? parent : random.pick(ministries);
    if (unit !== ministry) ladder.push({ title: 'Thứ trưởng', agency: ministry.name });
    return ladder;
  };
  const localLadder = (): Ladder => {
    const province = random.pick(provinces);
    const place = `${provinceKind.get(province) ?? 'tỉnh'} ${province}`;
    const department = `Sở ${random.pick(DEPARTMENT_FIELDS)} ${place}`;
    const council = random.chance(0.5) ? `UBND ${place}` : `Ủy ban nhân dân ${place}`;
    return [
      { title: 'Phó Giám đốc', agency: department, province },
      { title: 'Giám đốc', agency: department, province },
      { title: 'Phó Chủ tịch', agency: council, province },
      random.chance(0.5)
        ? { title: 'Chủ tịch', agency: council, province }
        : { title: 'Phó Bí thư', agency: `${provinceKind.get(province) === 'thành phố' ? 'Thành ủy' : 'Tỉnh ủy'} ${province}`, province },
    ];
  };

  const count = Math.max(300, Math.round(size / 4));
  const names = new Set<string>();
  const officials: Official[] = [];
  while (officials.length < count) {
    const female = random.chance(0.35);
    const middle = female ? random.pick(MIDDLE_FEMALE) : random.pick(MIDDLE_MALE);
    const second = random.chance(0.3) ? ` ${female ? random.pick(MIDDLE_FEMALE) : random.pick(MIDDLE_MALE)}` : '';
    const name = `${random.pick(SURNAMES)} ${middle}${second} ${random.pick(female ? GIVEN_FEMALE : GIVEN_MALE)}`;
    if (names.has(name) || second === ` ${middle}`) continue;
    names.add(name);
    const ladder = random.chance(0.5) ? centralLadder() : localLadder();
    officials.push({ name, female, posts: career(ladder, random) });
  }

  const documents = ref.knownDocuments
    .filter((d) => d.title && /^\d{4}-\d{2}-\d{2}$/.test(d.date) && /^\p{Lu}/u.test(d.issuer) && d.title.length < 220)
    .map((d) => ({ type: d.type, number: d.number, date: d.date, issuer: d.issuer, title: citedTitle(d.type, d.title) }));
  const laws = documents.filter((d) => d.type === 'Luật').map((d) => d.title);
  return { officials, documents, laws, provinces };
}

/** "Đấu giá tài sản" of type Luật reads "Luật Đấu giá tài sản"; other titles start lower-case after the number. */
function citedTitle(type: string, title: string): string {
  if (type === 'Luật') return /^Luật /.test(title) ? title : `Luật ${title}`;
  return title.charAt(0).toLocaleLowerCase('vi') + title.slice(1);
}

/** Splits the years of the corpus into consecutive posts climbing part of a ladder. */
function career(ladder: Ladder, random: Random): Post[] {
  const steps = Math.min(ladder.length, random.int(1, 3));
  const start = random.int(0, ladder.length - steps);
  const first = Date.parse(FIRST_DAY);
  const last = Date.parse(LAST_DAY);
  const cuts = Array.from({ length: steps - 1 }, () => first + random.next() * (last - first)).sort((a, b) => a - b);
  const bounds = [first, ...cuts, last];
  return ladder.slice(start, start + steps).map((step, i) => ({
    ...step,
    from: isoDay(bounds[i]!),
    to: isoDay(i === steps - 1 ? last : bounds[i + 1]! - 86_400_000),
  }));
}

/** `YYYY-MM-DD` of a UTC timestamp. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The post an official held on `day`, or the last one. */
export function postOn(official: Official, day: string): Post {
  return official.posts.find((p) => p.from <= day && day <= p.to) ?? official.posts[official.posts.length - 1]!;
}
