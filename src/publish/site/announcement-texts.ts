/**
 * The spans and bodies of announcements, read from the N-Quads dump one
 * announcement graph at a time (the site graph, `graph.ts`, leaves them out).
 *
 * The dump holds each graph's lines together, announcement graphs in the order
 * of their ids, which is the order the site writes announcements in; so asking
 * for batches in that order reads the dump once, front to back, holding only
 * the graphs of one batch. A graph passed over before it is asked for is kept
 * until it is, so another order gives the same answers, only with more memory.
 */
import { Parser, type Quad } from 'n3';
import { gzipLines } from '../../core/gzip-lines.ts';
import { isSpanSubject } from '../../core/iri.ts';
import { nqGraphAt } from '../../core/nt-term.ts';
import { byCodeUnits } from '../../core/text.ts';
import { ITSRDF, LOA, NIF, SCHEMA } from '../../core/vocab.ts';
import { compareSpans, type Literal, type SiteGraph, type Span } from './graph.ts';

const ARTICLE_BODY = `<${SCHEMA.articleBody.value}>`;

/** The lines of one named graph that the site needs: span statements and the article body. */
interface GraphLines {
  graph: string;
  lines: string[];
}

/** The graph IRI at the end of an N-Quads line (`… <graph> .`); undefined for a triple in the default graph. */
function graphOf(line: string): string | undefined {
  if (!line.endsWith('> .')) return undefined;
  const start = nqGraphAt(line);
  return start < 0 ? undefined : line.slice(start + 2, line.length - 3);
}

function needed(line: string): boolean {
  const afterSubject = line.indexOf(' ');
  return isSpanSubject(line.slice(0, afterSubject)) || line.startsWith(ARTICLE_BODY, afterSubject + 1);
}

export class AnnouncementTexts {
  private readonly lines: AsyncIterator<string>;
  private current: GraphLines | undefined;
  private done = false;
  /** Graphs read past before they were asked for. */
  private readonly held = new Map<string, string[]>();

  /** `nquads`: the gzipped N-Quads dump; `graphOfAnnouncement`: each announcement's named graph. */
  constructor(
    nquads: string,
    private readonly graph: SiteGraph,
    private readonly graphOfAnnouncement: Map<string, string>,
  ) {
    this.lines = gzipLines(nquads);
  }

  /** The bodies and spans (in reading order, `compareSpans`) of some announcements. */
  async read(announcements: readonly string[]): Promise<{ bodies: Map<string, Literal>; spans: Span[] }> {
    const bodies = new Map<string, Literal>();
    const spans: Span[] = [];
    for (const announcement of announcements) {
      const graph = this.graphOfAnnouncement.get(announcement);
      if (graph === undefined) continue;
      const quads = new Parser({ format: 'N-Quads' }).parse((await this.linesOf(graph)).join('\n'));
      const body = quads.find((q) => q.subject.value === announcement && q.predicate.equals(SCHEMA.articleBody) && q.object.termType === 'Literal');
      if (body?.object.termType === 'Literal') bodies.set(announcement, { value: body.object.value, lang: body.object.language, datatype: body.object.datatype.value });
      spans.push(...this.spansOf(quads));
    }
    return { bodies, spans: spans.sort(compareSpans) };
  }

  /** Stops reading the dump. */
  async close(): Promise<void> {
    await this.lines.return?.();
  }

  /** The needed lines of one graph, reading the dump up to its end when not read yet. */
  private async linesOf(graph: string): Promise<string[]> {
    const kept = this.held.get(graph);
    if (kept) {
      this.held.delete(graph);
      return kept;
    }
    for (;;) {
      const next = await this.nextGraph();
      if (next === undefined) return [];
      if (next.graph === graph) return next.lines;
      this.held.set(next.graph, next.lines);
    }
  }

  /** The next run of lines of one graph (only the needed ones), or undefined at the end of the dump. */
  private async nextGraph(): Promise<GraphLines | undefined> {
    while (!this.done) {
      const { value: line, done } = await this.lines.next();
      if (done) {
        this.done = true;
        break;
      }
      const graph = graphOf(line);
      if (graph === undefined) continue;
      if (this.current && this.current.graph !== graph) {
        const finished = this.current;
        this.current = { graph, lines: needed(line) ? [line] : [] };
        return finished;
      }
      this.current ??= { graph, lines: [] };
      if (needed(line)) this.current.lines.push(line);
    }
    const last = this.current;
    this.current = undefined;
    return last;
  }

  /** The spans among one graph's quads whose context is one of an announcement's texts, as the pages show them. */
  private spansOf(quads: Quad[]): Span[] {
    const bySubject = new Map<string, Quad[]>();
    for (const q of quads) {
      if (q.subject.termType !== 'NamedNode' || !q.subject.value.includes('#char=')) continue;
      const list = bySubject.get(q.subject.value);
      if (list) list.push(q);
      else bySubject.set(q.subject.value, [q]);
    }
    const spans: Span[] = [];
    for (const [iri, statements] of bySubject) {
      const first = (p: { value: string }) => statements.find((q) => q.predicate.value === p.value)?.object;
      const context = first(NIF.referenceContext);
      const where = context === undefined ? undefined : this.graph.contexts.get(context.value);
      const begin = Number(first(NIF.beginIndex)?.value);
      const end = Number(first(NIF.endIndex)?.value);
      const anchor = first(NIF.anchorOf);
      const targets = [...new Set(statements.filter((q) => q.predicate.equals(ITSRDF.taIdentRef)).map((q) => q.object.value))].sort(byCodeUnits);
      if (!where || anchor === undefined || targets.length === 0 || !Number.isInteger(begin) || !Number.isInteger(end)) continue;
      spans.push({
        iri,
        announcement: where.announcement,
        field: where.field,
        begin,
        end,
        anchor: anchor.value,
        targets,
        rule: first(LOA.rule)?.value,
        confidence: first(LOA.confidence)?.value,
      });
    }
    return spans;
  }
}
