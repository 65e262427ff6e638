/**
 * The quotes of the entity pages (each span with its sentence), filed on disk
 * under the page that shows them and handed back page by page in IRI order,
 * so the site never holds the quotes of the whole release at once.
 *
 * A span is shown on the page of each entity it was read as, and a span read
 * as an office held (`org:Membership`) on the pages of the person and of the
 * body. Each such pair is one line, `{page}\t{target}\t{JSON}`, sorted by
 * `LineSorter` (runs spilled to a temporary folder when large).
 */
import { byCodeUnits } from '../../core/text.ts';
import { LineSorter } from '../line-sort.ts';
import { compareSpans, pushTo, type SiteGraph, type Span } from './graph.ts';
import type { Snippet } from './snippets.ts';

/** Lines held in memory before a sorted run goes to disk: a line carries a sentence (about 1.5 KB of heap), so runs are short. */
const RUN_LINES = 20_000;

/** What one page shows of the spans: by target (entity or office), in reading order, and their sentences. */
export interface PageQuotes {
  spansByTarget: Map<string, Span[]>;
  snippets: Map<string, Snippet>;
}

interface Line {
  span: Span;
  snippet?: Snippet;
}

export class QuoteFile {
  private readonly sorter: LineSorter;

  /** `tmpDir`: where sorted runs go (removed once drained); `runLines`: lines per run. */
  constructor(
    tmpDir: string,
    private readonly graph: SiteGraph,
    runLines = RUN_LINES,
  ) {
    this.sorter = new LineSorter(tmpDir, runLines);
  }

  /** Files a span (and its sentence, when the text was at hand) under every page that shows it. */
  async add(span: Span, snippet: Snippet | undefined): Promise<void> {
    const json = JSON.stringify(snippet === undefined ? { span } : { span, snippet });
    const lines: string[] = [];
    for (const target of span.targets) for (const page of this.pagesShowing(target)) lines.push(`${page}\t${target}\t${json}\n`);
    await this.sorter.add(lines);
  }

  /** Hands each page that shows a quote its quotes, pages in code-unit order of their IRIs. */
  async drain(each: (page: string, quotes: PageQuotes) => Promise<void>): Promise<void> {
    let page: string | undefined;
    let quotes: PageQuotes = { spansByTarget: new Map(), snippets: new Map() };
    const finish = async () => {
      if (page === undefined) return;
      for (const list of quotes.spansByTarget.values()) list.sort(compareSpans);
      await each(page, quotes);
    };
    await this.sorter.drain(async (line) => {
      const first = line.indexOf('\t');
      const second = line.indexOf('\t', first + 1);
      const linePage = line.slice(0, first);
      if (linePage !== page) {
        await finish();
        page = linePage;
        quotes = { spansByTarget: new Map(), snippets: new Map() };
      }
      const { span, snippet } = JSON.parse(line.slice(second + 1)) as Line;
      pushTo(quotes.spansByTarget, line.slice(first + 1, second), span);
      if (snippet) quotes.snippets.set(span.iri, snippet);
    });
    await finish();
  }

  /** The pages that show a span read as `target`: its own, or for an office the person's and the body's. */
  private pagesShowing(target: string): string[] {
    const membership = this.graph.memberships.get(target);
    if (!membership) return [target];
    const pages = [membership.person, membership.organization].filter((p): p is string => p !== undefined);
    return [...new Set(pages)].sort(byCodeUnits);
  }
}
