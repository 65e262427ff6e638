/**
 * Events: the activities an announcement reports as held or scheduled on a day
 * ("Chiều ngày 25/03/2024, Thứ trưởng … có buổi làm việc với …"), one per day,
 * with who chaired, who took part, who organised, where, and which documents
 * they were about. An activity without a day is kept only when the headline
 * reports it, as one undated event.
 */
import type { DateMention, DocumentMention, EventMention, EventType, OfficialMention, AgencyMention, Evidence } from '../core/extraction.ts';
import type { Span } from '../core/types.ts';
import type { Field } from './agencies.ts';
import { CHAIR_BARRIERS, CHAIR_CUES, CHAIR_WINDOW, EVENT_CUES, EVENT_TYPE_PRIORITY, ISSUANCE_VERBS, ISSUANCE_WINDOW, LOCATION_CUE, NON_EVENT_BEFORE, NON_EVENT_WINDOW, MAX_LOCATION_CHARS, ORGANISER_CUES, SENTENCE_END, VENUE_WORDS } from './patterns/events.ts';
import { isWord, PhraseTrie, type Token, tokenAt, tokenEnd } from './tokens.ts';

interface Sentence {
  field: Span['field'];
  start: number;
  end: number;
}

interface Cue {
  type: EventType;
  start: number;
  end: number;
  phrase: string;
}

let cueTrie: PhraseTrie<EventType> | undefined;
let chairTrie: PhraseTrie<true> | undefined;
let organiserTrie: PhraseTrie<true> | undefined;
let issuanceTrie: PhraseTrie<true> | undefined;

function tries() {
  if (!cueTrie) {
    cueTrie = new PhraseTrie();
    for (const [phrase, type] of Object.entries(EVENT_CUES)) cueTrie.add(phrase, type);
    chairTrie = new PhraseTrie();
    for (const c of CHAIR_CUES) chairTrie.add(c, true);
    organiserTrie = new PhraseTrie();
    for (const c of ORGANISER_CUES) organiserTrie.add(c, true);
    issuanceTrie = new PhraseTrie();
    for (const c of ISSUANCE_VERBS) issuanceTrie.add(c, true);
  }
  return { cues: cueTrie, chair: chairTrie!, organiser: organiserTrie!, issuance: issuanceTrie! };
}

export interface EventInputs {
  /** Publication date, `YYYY-MM-DD`. */
  published: string;
  fields: Field[];
  dates: DateMention[];
  officials: OfficialMention[];
  agencies: AgencyMention[];
  documents: DocumentMention[];
}

/**
 * @example extractEvents(inputs).map((e) => [e.type, e.date])
 *   // "Chiều ngày 25/03/2024, Thứ trưởng Trần Tiến Dũng có buổi làm việc với …" → [['meeting', '2024-03-25']]
 */
export function extractEvents(input: EventInputs): EventMention[] {
  const { cues } = tries();
  const publishedDate = input.published;
  const inDocument = (span: Span) => input.documents.some((d) => d.evidence.some((e) => e.span.field === span.field && e.span.start <= span.start && span.end <= e.span.end + 40 && span.start >= e.span.start));
  const events: EventMention[] = [];
  const byDate = new Map<string, EventMention>();
  const anchors: { event: EventMention; sentence: Sentence }[] = [];

  const body = input.fields.find((f) => f.field === 'body');
  if (body) {
    for (const sentence of sentencesOf(body)) {
      const found = cuesIn(body, sentence, cues);
      if (found.length === 0) continue;
      const days = input.dates.filter(
        (d) =>
          d.value.kind === 'day' &&
          d.evidence.span.field === 'body' &&
          d.evidence.span.start >= sentence.start &&
          d.evidence.span.end <= sentence.end &&
          !inDocument(d.evidence.span) &&
          !datesADocument(body, d.evidence.span.end, sentence.end) &&
          !isDeadline(body, d.evidence.span.start),
      );
      if (days.length === 0) continue;
      // Of several days in one sentence ("nhân dịp kỷ niệm … (28/8/1945 – 28/8/2015), hôm qua 26/8"), the one nearest the publication.
      const day = [...days].sort((x, y) => distance(x, publishedDate) - distance(y, publishedDate))[0]!;
      if (day.value.kind !== 'day') continue;
      const cue = pickCue(found);
      let event = byDate.get(day.value.date);
      if (!event) {
        event = {
          key: `e${events.length + 1}`,
          type: cue.type,
          name: eventName(body.text, cue, sentence),
          date: day.value.date,
          chairKeys: [],
          participantKeys: [],
          organizerKeys: [],
          aboutKeys: [],
          evidence: [],
        };
        if (day.value.time) event.time = day.value.time;
        if (day.value.partOfDay) event.partOfDay = day.value.partOfDay;
        events.push(event);
        byDate.set(day.value.date, event);
      }
      event.evidence.push({ span: { field: 'body', start: sentence.start, end: sentence.end }, rule: `event.${cue.type}`, confidence: 0.8 });
      anchors.push({ event, sentence });
      const location = event.location ?? locationIn(body, sentence);
      if (location) event.location = location;
    }
  }
  if (events.length === 0) {
    const title = input.fields.find((f) => f.field === 'title');
    const found = title ? cuesIn(title, { field: 'title', start: 0, end: title.text.length }, cues) : [];
    if (title && found.length > 0) {
      const cue = pickCue(found);
      const event: EventMention = {
        key: 'e1',
        type: cue.type,
        name: eventName(title.text, cue, { field: 'title', start: 0, end: title.text.length }),
        chairKeys: [],
        participantKeys: [],
        organizerKeys: [],
        aboutKeys: [],
        evidence: [{ span: { field: 'title', start: cue.start, end: cue.end }, rule: `event.${cue.type}.headline`, confidence: 0.5 }],
      };
      events.push(event);
      if (body) anchors.push({ event, sentence: { field: 'body', start: 0, end: 0 } });
    }
  }
  attachPeople(events, anchors, input);
  attachOrganisersAndDocuments(anchors, input);
  return events;
}

/** Days between a day mention and the publication date, days after it counting a little more. */
function distance(d: DateMention, published: string): number {
  if (d.value.kind !== 'day') return Number.POSITIVE_INFINITY;
  const days = (Date.parse(`${d.value.date}T00:00:00Z`) - Date.parse(`${published}T00:00:00Z`)) / 86_400_000;
  // News reports what has happened: on a tie, the day before publication beats the day after.
  return days > 0 ? days + 0.5 : -days;
}

/** An issuance verb ("ban hành", "thông qua") soon after the date, in the same sentence: the date is a document's. */
function datesADocument(f: Field, from: number, to: number): boolean {
  const { issuance } = tries();
  const t = f.tokens;
  let i = tokenAt(t, from);
  if (i >= t.length) return false;
  for (let k = 0; k < ISSUANCE_WINDOW && i < t.length && t[i]!.end <= to; k++, i++) {
    if (t[i]!.text === ';') return false;
    if (issuance.longest(t, i)) return true;
  }
  return false;
}

/** A deadline or the start of validity ("trước ngày …", "có hiệu lực từ ngày …"), by the words just before the date. */
function isDeadline(f: Field, start: number): boolean {
  const t = f.tokens;
  const at = tokenAt(t, start);
  if (at >= t.length) return false;
  for (let i = at - 1; i >= Math.max(0, at - NON_EVENT_WINDOW); i--) {
    if (!t[i]!.word) return false;
    if (NON_EVENT_BEFORE.some((w) => matchesAt(t, i, w))) return true;
  }
  return false;
}

/** The phrase `words` written at token i. */
function matchesAt(t: Token[], i: number, words: string): boolean {
  return words.split(' ').every((w, k) => isWord(t[i + k], w));
}

/** Sentences of a field, as character ranges. */
function sentencesOf(f: Field): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  for (const m of f.text.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length;
    if (end > start) out.push({ field: f.field, start, end });
    start = end;
  }
  if (start < f.text.length) out.push({ field: f.field, start, end: f.text.length });
  return out;
}

function tokensIn(f: Field, s: Sentence): { tokens: Token[]; from: number; to: number } {
  const from = tokenAt(f.tokens, s.start);
  return { tokens: f.tokens, from, to: tokenEnd(f.tokens, s.end, from) };
}

function cuesIn(f: Field, s: Sentence, cues: PhraseTrie<EventType>): Cue[] {
  const { tokens, from, to } = tokensIn(f, s);
  const out: Cue[] = [];
  const inSentence = (_v: EventType, end: number) => end <= to;
  for (let i = from; i < to; i++) {
    const m = cues.longest(tokens, i, inSentence);
    if (m) {
      out.push({ type: m.value, start: tokens[i]!.start, end: tokens[m.end - 1]!.end, phrase: f.text.slice(tokens[i]!.start, tokens[m.end - 1]!.end) });
      i = m.end - 1;
    }
  }
  return out;
}

function pickCue(found: Cue[]): Cue {
  return [...found].sort((a, b) => EVENT_TYPE_PRIORITY.indexOf(a.type) - EVENT_TYPE_PRIORITY.indexOf(b.type) || a.start - b.start)[0]!;
}

/** The cue and what follows it in its clause, at most 120 characters: "buổi làm việc với cán bộ chủ chốt Cục …". */
function eventName(text: string, cue: Cue, s: Sentence): string {
  const rest = text.slice(cue.start, s.end);
  const clause = rest.split(/[,;:.](?=\s)|\n/u)[0] ?? rest;
  const trimmed = clause.trim();
  if (trimmed.length <= 120) return trimmed;
  const cut = trimmed.slice(0, 120);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), cue.phrase.length)).trim();
}

/** "tại trụ sở Bộ Tư pháp", "tại Hà Nội": the venue as written, up to the clause's end. */
function locationIn(f: Field, s: Sentence): string | undefined {
  const { tokens, from, to } = tokensIn(f, s);
  for (let i = from; i + 1 < to; i++) {
    if (!isWord(tokens[i], LOCATION_CUE)) continue;
    const next = tokens[i + 1]!;
    if (!next.capitalised && !VENUE_WORDS.some((w) => isWord(next, w))) continue;
    let j = i + 1;
    while (j < to && tokens[j]!.text !== ',' && tokens[j]!.text !== ';' && tokens[j]!.text !== '.' && tokens[j]!.text !== '\n' && tokens[j]!.end - next.start < MAX_LOCATION_CHARS) j++;
    const text = f.text.slice(next.start, tokens[j - 1]!.end).trim();
    if (text.length >= 3) return text;
  }
  return undefined;
}

/**
 * Officials named in an event's sentence and in the sentences after it (until the
 * next event) took part; those named with "chủ trì"/"chủ tọa" chaired.
 */
function attachPeople(events: EventMention[], anchors: { event: EventMention; sentence: Sentence }[], input: EventInputs): void {
  if (events.length === 0) return;
  const { chair } = tries();
  const body = input.fields.find((f) => f.field === 'body');
  const ordered = [...anchors].sort((a, b) => a.sentence.start - b.sentence.start);
  for (const o of input.officials) {
    if (o.roles.length === 0) continue;
    const spans = o.evidence.map((e) => e.span);
    const targets = new Set<EventMention>();
    for (const span of spans) {
      if (span.field === 'title') {
        if (events.length === 1) targets.add(events[0]!);
        continue;
      }
      const before = ordered.filter((a) => a.sentence.start <= span.start);
      targets.add((before[before.length - 1] ?? ordered[0])!.event);
    }
    for (const event of targets) {
      if (!event.participantKeys.includes(o.key)) event.participantKeys.push(o.key);
      if (body && isChair(body, spans, chair) && !event.chairKeys.includes(o.key)) event.chairKeys.push(o.key);
    }
  }
}

/** A name followed, in its sentence, by "chủ trì"/"chủ tọa", or preceded by "do … chủ trì". */
function isChair(body: Field, spans: Span[], chair: PhraseTrie<true>): boolean {
  for (const span of spans) {
    if (span.field !== 'body') continue;
    const t = body.tokens;
    let i = tokenAt(t, span.end);
    if (i >= t.length) continue;
    for (let k = 0; k < CHAIR_WINDOW && i < t.length && !/^[.;\n]$/.test(t[i]!.text); k++, i++) {
      if (chair.longest(t, i)) return true;
      if (CHAIR_BARRIERS.some((w) => isWord(t[i], w))) break;
    }
  }
  return false;
}

/** Agencies right before "tổ chức" in an event's sentence organised it; documents named there are what it was about. */
function attachOrganisersAndDocuments(anchors: { event: EventMention; sentence: Sentence }[], input: EventInputs): void {
  const { organiser } = tries();
  const body = input.fields.find((f) => f.field === 'body');
  if (!body) return;
  for (const { event, sentence } of anchors) {
    const within = (e: Evidence) => e.span.field === 'body' && e.span.start >= sentence.start && e.span.end <= sentence.end;
    for (const a of input.agencies) {
      for (const e of a.evidence.filter(within)) {
        const t = body.tokens;
        const i = tokenAt(t, e.span.end);
        if (i < t.length && (organiser.longest(t, i) || (isWord(t[i], 'đã') && organiser.longest(t, i + 1)))) {
          if (!event.organizerKeys.includes(a.key)) event.organizerKeys.push(a.key);
        }
      }
    }
    for (const d of input.documents) {
      if (d.evidence.some(within) && !event.aboutKeys.includes(d.key)) event.aboutKeys.push(d.key);
    }
  }
}
