/**
 * One synthetic announcement: picks the event, the officials (by the post they
 * held that day), the documents and the dates, and words them with the
 * templates. The result is format-free; `formats.ts` lays it out as a file.
 */
import { type Cast, type CitedDocument, type Official, FIRST_DAY, isoDay, LAST_DAY, postOn } from './cast.ts';
import type { Random } from './random.ts';
import { ATTENDANCE, CITATIONS, EVENT_KINDS, NEXT_STEPS, type Scene, SPEECHES, STATISTICS, TEMPLATES } from './templates.ts';
import { BYLINES, COUNT_VERBS, COUNTED, DISCUSSION, PERIODS, TASKS, TOPICS, VENUES, WEEKDAYS } from './vocabulary.ts';

/** An announcement before it is laid out as a file. */
export interface Story {
  id: string;
  title: string;
  /** Publication day `YYYY-MM-DD` and time `HH:MM`. */
  published: { date: string; time: string };
  paragraphs: string[];
  /** Byline or source line, printed after the body. */
  credit: string;
  url: string;
}

const DAY_MS = 86_400_000;
const FIRST_MS = Date.parse(FIRST_DAY);
const SPAN_DAYS = Math.round((Date.parse(LAST_DAY) - FIRST_MS) / DAY_MS);

interface Day {
  iso: string;
  d: number;
  m: number;
  y: number;
  weekday: number;
}

function dayAt(ms: number): Day {
  const date = new Date(ms);
  return { iso: isoDay(ms), d: date.getUTCDate(), m: date.getUTCMonth() + 1, y: date.getUTCFullYear(), weekday: date.getUTCDay() };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Date phrases that open a lead, in the many ways portals write them. */
const WHEN_FORMS: readonly ((e: Day, lag: number, r: Random) => string | undefined)[] = [
  (e) => `Sáng ${e.d}/${e.m}`,
  (e) => `Chiều ${e.d}/${e.m}`,
  (e) => `Ngày ${e.d}/${e.m}/${e.y}`,
  (e) => `Sáng ngày ${pad(e.d)}/${pad(e.m)}/${e.y}`,
  (e) => `Ngày ${e.d} tháng ${e.m} năm ${e.y}`,
  (e) => `Chiều ngày ${e.d}-${e.m}-${e.y}`,
  (e, _lag, r) => `Vào lúc ${r.int(7, 15)}h${pad(r.pick([0, 15, 30]))} ngày ${e.d}/${e.m}`,
  (e, lag) => (lag === 0 ? `Sáng nay (${e.d}/${e.m})` : undefined),
  (_e, lag) => (lag === 1 ? 'Chiều qua' : undefined),
  (e) => (e.d < 28 ? `Từ ngày ${e.d} - ${e.d + 1}/${e.m}/${e.y}` : undefined),
  (e) => `Ngày ${e.d}.${e.m}.${e.y}`,
];

/** How a person is named with their post, in running text. */
const PERSON_FORMS: readonly ((name: string, title: string, agency: string, female: boolean) => string)[] = [
  (name, title, agency) => `${title} ${agency} ${name}`,
  (name, title, agency, female) => `${female ? 'bà' : 'ông'} ${name}, ${title} ${agency}`,
  (name, title, agency) => `đồng chí ${name} - ${title} ${agency}`,
];

/** Picks officials with a skew, so some people appear in many announcements (as ministers do). */
function pickOfficial(cast: Cast, random: Random): Official {
  const x = random.next();
  return cast.officials[Math.floor(x * x * cast.officials.length)]!;
}

function worded(o: Official, day: string, random: Random, form = random.pick(PERSON_FORMS)): string {
  const post = postOn(o, day);
  return form(o.name, post.title, post.agency, o.female);
}

function citation(doc: CitedDocument, random: Random): string {
  const [y, m, d] = doc.date.split('-').map(Number) as [number, number, number];
  if (doc.type === 'Luật' && random.chance(0.5)) return `${doc.title} năm ${y}`;
  const date = random.chance(0.5) ? `${pad(d)}/${pad(m)}/${y}` : `${d} tháng ${m} năm ${y}`;
  const title = doc.type === 'Luật' ? '' : ` ${doc.title}`;
  return `${doc.type} số ${doc.number} ngày ${date} của ${doc.issuer}${title}`;
}

/** Composes announcement number `index` (0-based). */
export function composeStory(index: number, cast: Cast, random: Random): Story {
  const variant = random.pick(TEMPLATES[random.pick(EVENT_KINDS)]);
  const eventMs = FIRST_MS + random.int(0, SPAN_DAYS) * DAY_MS;
  const lag = random.pick([0, 0, 0, 1, 1, 2]);
  const event = dayAt(eventMs);
  const pub = dayAt(eventMs + lag * DAY_MS);
  const chairOfficial = pickOfficial(cast, random);
  const chairPost = postOn(chairOfficial, event.iso);
  const others = new Set<Official>();
  for (let n = random.int(1, 4); others.size < n; ) {
    const o = pickOfficial(cast, random);
    if (o !== chairOfficial) others.add(o);
  }
  const partnerOfficial = [...others][0]!;
  const province = chairPost.province ?? postOn(partnerOfficial, event.iso).province ?? random.pick(cast.provinces);
  const docs = random.sample(cast.documents, random.int(0, 3));
  const law = random.pick(cast.laws);
  let when: string | undefined;
  while (!when) when = random.pick(WHEN_FORMS)(event, lag, random);

  const scene: Scene = {
    noun: variant.noun,
    topic: random.chance(0.3) ? `triển khai thi hành ${law}` : random.pick(TOPICS),
    host: chairPost.agency,
    partner: postOn(partnerOfficial, event.iso).agency,
    chair: `${chairPost.title} ${chairPost.agency} ${chairOfficial.name}`,
    when,
    venue: random.chance(0.5) ? `tại trụ sở ${chairPost.agency}` : `tại ${random.pick(VENUES)} ${province}`,
    province,
    law,
    year: event.y,
  };

  const people = [...others].map((o) => worded(o, event.iso, random));
  const fillers: (() => string)[] = [
    () => random.pick(SPEECHES)(`${chairPost.title} ${chairOfficial.name}`, scene.noun, random.sample(TASKS, random.int(1, 3)).join('; ')),
    () => random.pick(STATISTICS)(random.chance(0.5) ? scene.host : scene.partner, random.pick(PERIODS)(event.y), random.pick(COUNT_VERBS), random.int(3, 4000), random.pick(COUNTED), random.int(2, 35)),
    () => random.sample(DISCUSSION, random.int(1, 3)).join(' '),
    () => random.pick(NEXT_STEPS)(scene.noun, random.int(1, 12), event.y + 1, random.pick(cast.provinces)),
    () => (docs.length > 0 ? random.pick(CITATIONS)(citation(random.pick(docs), random)) : random.pick(DISCUSSION)),
    () => random.pick(SPEECHES)(worded(random.pick([...others]), event.iso, random), scene.noun, random.pick(TASKS)),
  ];

  const paragraphs = [variant.lead(scene), random.pick(ATTENDANCE)(scene.noun, people.join('; '))];
  for (const doc of docs) paragraphs.push(random.pick(CITATIONS)(citation(doc, random)));
  const target = random.int(3, 15);
  while (paragraphs.length < target) paragraphs.push(random.pick(fillers)());
  paragraphs.length = Math.min(paragraphs.length, 15);

  const id = `ann-${String(index).padStart(6, '0')}`;
  return {
    id,
    title: variant.title(scene),
    published: { date: pub.iso, time: `${pad(random.int(6, 22))}:${pad(random.int(0, 59))}` },
    paragraphs,
    credit: random.chance(0.5) ? `${random.pick(BYLINES)} - Ảnh: ${random.pick(BYLINES)}` : `Nguồn: ${scene.host}`,
    url: `https://portal.example.gov.vn/tin-tuc/${pub.y}/${pad(pub.m)}/${id}`,
  };
}

/** The weekday name of a `YYYY-MM-DD` day. */
export function weekdayOf(iso: string): string {
  return WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()]!;
}
