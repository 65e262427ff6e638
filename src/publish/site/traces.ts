/**
 * Pages the previous release has unchanged are linked from it, not rendered
 * again. A page is a function of what its renderer reads of the site graph
 * (and, for announcements, the body; for quoting pages, the spans and their
 * sentences); so each page is rendered through a view of those maps that
 * records every key read (a trace). Once written, the page's trace is stored:
 * the keys read, and a digest of what each held. The next release, before
 * rendering a page, digests what the same keys hold now: if nothing differs,
 * rendering would read the same keys, find the same values and give the same
 * bytes, so the previous release's files are linked instead.
 *
 * A renderer that goes through a whole map (its size, keys or values) cannot
 * be traced that way: its page is marked untraceable and always rendered.
 * A quoted sentence (`snippets`) may be read only for a span the page took
 * from its span lists, whose digests cover the sentences of their spans.
 *
 * The traces of a release are kept in `OUT/cache/pages/`, a gzipped file per writer
 * (`{version}.{writer}.gz`): a first line naming the render code's fingerprint and
 * the writer's settings, then a line per page in writing order (its order key, its digest
 * and the keys it read, tab-separated), read a line at a time beside the pages, so no
 * table of them is held. A change of the renderers (`src/publish/site`, `src/core`, the
 * packages) or of the base IRI or the site's title renders every page again.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { constants, createGzip, type Gzip } from 'node:zlib';
import { gzipLines } from '../../core/gzip-lines.ts';
import { byCodeUnits } from '../../core/text.ts';
import type { SiteGraph, Span } from './graph.ts';
import type { RenderContext } from './render-context.ts';
import type { Snippet } from './snippets.ts';

/** Where traces are kept, and the fingerprint of the code that renders pages. */
export interface TraceSettings {
  dir: string;
  fingerprint: string;
}

/** One letter per traced map, in the order a page's keys are digested. */
const GRAPH_MAPS = [
  ['e', 'entities'],
  ['l', 'labels'],
  ['m', 'memberships'],
  ['o', 'membershipsOf'],
  ['r', 'reverse'],
  ['c', 'contexts'],
  ['x', 'textsOf'],
  ['g', 'graphOf'],
] as const satisfies readonly (readonly [string, keyof SiteGraph])[];
const SPAN_MAPS = [
  ['t', 'spansByTarget'],
  ['a', 'spansByAnnouncement'],
] as const satisfies readonly (readonly [string, keyof RenderContext])[];
const TAGS = [...GRAPH_MAPS, ...SPAN_MAPS].map(([tag]) => tag);

/** The maps a page may read, by tag, and the sentences of the spans. */
interface Sources {
  maps: Map<string, ReadonlyMap<string, unknown>>;
  snippets: ReadonlyMap<string, Snippet>;
}

function sourcesOf(rc: RenderContext): Sources {
  const maps = new Map<string, ReadonlyMap<string, unknown>>();
  for (const [tag, field] of GRAPH_MAPS) maps.set(tag, rc.graph[field] as ReadonlyMap<string, unknown>);
  for (const [tag, field] of SPAN_MAPS) maps.set(tag, rc[field]);
  return { maps, snippets: rc.snippets };
}

/** A read-only view of a map that records the keys read through it, and flags a read of the whole map. */
class TracedMap<V> extends Map<string, V> {
  constructor(
    private readonly inner: ReadonlyMap<string, V>,
    private readonly seen: Set<string>,
    private readonly trace: PageTrace,
  ) {
    super();
  }
  override get(key: string): V | undefined {
    this.seen.add(key);
    const value = this.inner.get(key);
    this.trace.took(this, value);
    return value;
  }
  override has(key: string): boolean {
    this.seen.add(key);
    return this.inner.has(key);
  }
  override get size(): number {
    this.trace.untraceable = true;
    return this.inner.size;
  }
  override keys(): MapIterator<string> {
    this.trace.untraceable = true;
    return this.inner.keys();
  }
  override values(): MapIterator<V> {
    this.trace.untraceable = true;
    return this.inner.values();
  }
  override entries(): MapIterator<[string, V]> {
    this.trace.untraceable = true;
    return this.inner.entries();
  }
  override [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
  override forEach(each: (value: V, key: string, map: Map<string, V>) => void): void {
    this.trace.untraceable = true;
    this.inner.forEach((v, k) => each(v, k, this));
  }
  override set(): this {
    throw new Error('a page renderer may not change the site graph');
  }
  override delete(): boolean {
    throw new Error('a page renderer may not change the site graph');
  }
  override clear(): void {
    throw new Error('a page renderer may not change the site graph');
  }
}

/** The sentences, readable only for the spans the page was given through its span lists. */
class TracedSnippets extends TracedMap<Snippet> {
  constructor(inner: ReadonlyMap<string, Snippet>, trace: PageTrace) {
    super(inner, new Set(), trace);
    this.allowed = trace.spans;
    this.owner = trace;
  }
  private readonly allowed: Set<string>;
  private readonly owner: PageTrace;
  override get(key: string): Snippet | undefined {
    if (!this.allowed.has(key)) this.owner.untraceable = true;
    return super.get(key);
  }
  override has(key: string): boolean {
    if (!this.allowed.has(key)) this.owner.untraceable = true;
    return super.has(key);
  }
}

/** What one page's rendering read: render with `rc`, then ask the trace. */
export class PageTrace {
  /** The keys read, by map tag. */
  readonly seen = new Map<string, Set<string>>(TAGS.map((t) => [t, new Set<string>()]));
  /** Span IRIs the page was given through its span lists (their sentences may be read). */
  readonly spans = new Set<string>();
  /** Set when the renderer read a whole map: such a page is always rendered. */
  untraceable = false;
  /** The render context to render the page with. */
  readonly rc: RenderContext;
  private readonly spanLists = new Set<Map<string, unknown>>();

  constructor(rc: RenderContext) {
    const view = <V>(tag: string, map: ReadonlyMap<string, V>) => new TracedMap<V>(map, this.seen.get(tag)!, this);
    const graph: SiteGraph = { ...rc.graph };
    for (const [tag, field] of GRAPH_MAPS) (graph as unknown as Record<string, unknown>)[field] = view(tag, rc.graph[field] as ReadonlyMap<string, unknown>);
    const spansByTarget = view('t', rc.spansByTarget);
    const spansByAnnouncement = view('a', rc.spansByAnnouncement);
    this.spanLists.add(spansByTarget).add(spansByAnnouncement);
    const site = rc.site;
    const trace = this;
    // Entity pages show the site's title; the release's version and date would tie a page to one release.
    const siteView = {
      get title() {
        return site.title;
      },
      get version() {
        trace.untraceable = true;
        return site.version;
      },
      get issued() {
        trace.untraceable = true;
        return site.issued;
      },
    };
    this.rc = { graph, spansByTarget, spansByAnnouncement, snippets: new TracedSnippets(rc.snippets, this), site: siteView };
  }

  /** Called by the views with each value read: spans taken from a span list may have their sentences read. */
  took(map: Map<string, unknown>, value: unknown): void {
    if (value !== undefined && this.spanLists.has(map)) for (const span of value as Span[]) this.spans.add(span.iri);
  }
}

/** A page's entry in the previous release's traces. */
export interface PriorPage {
  order: string;
  digest: string;
  keys: string[];
}

/** A short digest of a text: 96 bits of its SHA-1, enough to tell a value from the one a key held before. */
function hashed(text: string): string {
  return createHash('sha1').update(text).digest('base64').slice(0, 16);
}

/** Maps are written as their entries, so two maps with the same entries in the same order give the same text. */
function mapsAsEntries(_key: string, value: unknown): unknown {
  return value instanceof Map ? [...value] : value;
}

/**
 * A digest of what a key holds: the value's JSON; for span lists, with the sentences of their spans.
 * Kept per value object in `states` (one per writer, dropped with it): nothing a page reads changes
 * while pages are written (a span list and the sentences of its spans are replaced together, a batch
 * of announcements at a time).
 */
function stateOf(states: WeakMap<object, string>, tag: string, value: unknown, snippets: ReadonlyMap<string, Snippet>): string {
  if (value === undefined) return '-';
  if (typeof value !== 'object' || value === null) return hashed(JSON.stringify(value));
  let state = states.get(value);
  if (state === undefined) {
    if (tag === 't' || tag === 'a') {
      const spans = value as Span[];
      state = hashed(JSON.stringify([spans, spans.map((s) => snippets.get(s.iri) ?? null)]));
    } else state = hashed(JSON.stringify(value, mapsAsEntries));
    states.set(value, state);
  }
  return state;
}

/** The digest of a page: the settings, what the page was given besides its maps, and every key read with what it holds. */
function pageDigest(states: WeakMap<object, string>, salt: string, extra: string, keys: Iterable<string>, sources: Sources): string {
  const hash = createHash('sha256').update(salt).update('\n').update(extra).update('\n');
  for (const key of keys) {
    const tag = key[0]!;
    const map = sources.maps.get(tag);
    if (map === undefined) return '';
    hash.update(key).update('\t').update(stateOf(states, tag, map.get(key.slice(1)), sources.snippets)).update('\n');
  }
  return hash.digest('base64');
}

/**
 * The traces of one writer (`site` or `embeds`): those of the previous release, read in writing order
 * beside the pages, and those of this release, written as its pages are.
 */
export class PageTraces {
  /** Pages whose trace carried over from the previous release. */
  reused = 0;
  /** The digest of each value read, by value object, for this writer's pages. */
  private readonly states = new WeakMap<object, string>();
  private readonly out: Gzip;
  private readonly file: WriteStream;
  private readonly written: Promise<void>;
  private priorLines: AsyncIterator<string> | undefined;
  private head: PriorPage | undefined;

  private constructor(
    private readonly settings: TraceSettings,
    private readonly writer: string,
    private readonly version: string,
    private readonly previousVersion: string | undefined,
    private readonly salt: string,
  ) {
    this.out = createGzip({ level: constants.Z_BEST_SPEED });
    this.file = createWriteStream(this.path(version, true));
    this.out.pipe(this.file);
    this.written = finished(this.file);
    // Failures are reported by close(); until then they must not go unobserved.
    this.written.catch(() => undefined);
    this.out.write(`${hashed(salt)}\n`);
  }

  /**
   * Opens the traces of `writer` for the release `version`. `salt` is what every page of the writer
   * depends on besides its maps (the base IRI, the site's title). The previous release's traces are
   * read when they were made with the same fingerprint and salt.
   */
  static async open(settings: TraceSettings, writer: string, version: string, previousVersion: string | undefined, salt: string): Promise<PageTraces> {
    await mkdir(settings.dir, { recursive: true });
    const traces = new PageTraces(settings, writer, version, previousVersion, `${settings.fingerprint}\n${salt}`);
    if (previousVersion !== undefined) {
      // A missing or unreadable file rejects the first line: no traces then.
      const lines = gzipLines(traces.path(previousVersion))[Symbol.asyncIterator]();
      const first = await lines.next().catch(() => undefined);
      // The first line names what the traces were made with: others are not read.
      if (first !== undefined && !first.done && first.value === hashed(traces.salt)) {
        traces.priorLines = lines;
        await traces.advance();
      } else await lines.return?.(undefined).catch(() => undefined);
    }
    return traces;
  }

  private path(version: string, temporary = false): string {
    return join(this.settings.dir, `${version}.${this.writer}.gz${temporary ? `.tmp-${process.pid}` : ''}`);
  }

  private async advance(): Promise<void> {
    this.head = undefined;
    if (!this.priorLines) return;
    let next: IteratorResult<string>;
    try {
      next = await this.priorLines.next();
    } catch {
      // Damaged traces (a file cut short) are a cache lost, not an error: the pages after the damage are rendered.
      this.priorLines = undefined;
      return;
    }
    if (next.done) return;
    const [order, digest, ...keys] = next.value.split('\t');
    this.head = { order: order!, digest: digest!, keys };
  }

  /** The previous release's trace of the page at `order` (pages are asked for in writing order, ascending by code units). */
  async previous(order: string): Promise<PriorPage | undefined> {
    while (this.head !== undefined && byCodeUnits(this.head.order, order) < 0) await this.advance();
    if (this.head?.order !== order) return undefined;
    const found = this.head;
    await this.advance();
    return found;
  }

  /** Whether the keys a page read last time hold what they held then. */
  unchanged(prior: PriorPage, rc: RenderContext, extra: string): boolean {
    return pageDigest(this.states, this.salt, extra, prior.keys, sourcesOf(rc)) === prior.digest;
  }

  /** Records a page linked from the previous release: its trace carries over. */
  async keep(prior: PriorPage): Promise<void> {
    this.reused++;
    await this.emit(prior.order, prior.digest, prior.keys);
  }

  /** Records a page just rendered through `trace`, given `extra` besides its maps (an announcement's body). */
  async record(order: string, trace: PageTrace, rc: RenderContext, extra: string): Promise<void> {
    if (trace.untraceable) return;
    const keys: string[] = [];
    for (const tag of TAGS) for (const key of trace.seen.get(tag)!) keys.push(tag + key);
    await this.emit(order, pageDigest(this.states, this.salt, extra, keys, sourcesOf(rc)), keys);
  }

  private async emit(order: string, digest: string, keys: readonly string[]): Promise<void> {
    const line = keys.length === 0 ? `${order}\t${digest}\n` : `${order}\t${digest}\t${keys.join('\t')}\n`;
    if (!this.out.write(line)) await new Promise((resolve) => this.out.once('drain', resolve));
  }

  /** Writes this release's traces in place and removes those of releases other than it and the previous one. */
  async close(): Promise<void> {
    await this.priorLines?.return?.(undefined).catch(() => undefined);
    this.out.end();
    await this.written;
    await rename(this.path(this.version, true), this.path(this.version));
    // Traces of other releases go, and so do unfinished ones of a run that was stopped (another writer's
    // unfinished traces, still being written by this process, stay).
    const keep = [this.version, this.previousVersion].filter((v) => v !== undefined).map((v) => `${v}.`);
    for (const name of await readdir(this.settings.dir)) {
      const stale = name.includes('.tmp-') && !name.endsWith(`.tmp-${process.pid}`);
      if (stale || !keep.some((k) => name.startsWith(k))) await rm(join(this.settings.dir, name), { force: true });
    }
  }

  /** Removes this release's unfinished traces (the writer failed). */
  async abandon(): Promise<void> {
    await this.priorLines?.return?.(undefined).catch(() => undefined);
    this.out.destroy();
    this.file.destroy();
    await this.written.catch(() => undefined);
    await rm(this.path(this.version, true), { force: true });
  }
}
