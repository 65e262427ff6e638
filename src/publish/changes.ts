/**
 * What changed since the previous release, as files a harvester can apply:
 *
 * - `changes/graphs.tsv`: every named graph of this release with its quad count
 *   and the SHA-256 of its N-Quads lines (the next release compares against it);
 * - `changes/added.nq.gz` and `changes/removed.nq.gz`: the quads added to and
 *   removed from each graph, graph by graph (a new graph is all added, a
 *   dropped graph all removed);
 * - `changes/summary.json`: the counts, and per changed graph how many quads
 *   came and went.
 *
 * Only graphs whose digest differs are read back from the two N-Quads dumps,
 * one streaming pass over each. Their lines go through a sort on disk
 * (`LineSorter`), keyed by graph, line and side, so a line both dumps hold
 * comes out twice in a row and the rest are what was added or removed: memory
 * stays bounded however large the changed graphs (the memberships' periods
 * change with any announcement).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipLineBatches } from '../core/gzip-lines.ts';
import { LineSorter } from './line-sort.ts';
import type { GraphDigest } from './dumps.ts';
import type { ReleaseFile } from './release-context.ts';
import { fileRecord as record } from './release.ts';
import { GzipTextSink } from './text-sink.ts';
import { byCodeUnits } from '../core/text.ts';

export interface GraphChange {
  graph: string;
  added: number;
  removed: number;
}

export interface ChangeSummary {
  version: string;
  previousVersion: string | null;
  graphs: { total: number; added: number; removed: number; changed: number; unchanged: number };
  quads: { added: number; removed: number };
  /** Graphs that were added, removed or changed, sorted by graph IRI. */
  changes: GraphChange[];
}

const DIGESTS = 'changes/graphs.tsv';

export function digestsTsv(digests: readonly GraphDigest[]): string {
  return `graph\tquads\tsha256\n${digests.map((d) => `${d.graph}\t${d.quads}\t${d.sha256}\n`).join('')}`;
}

export function parseDigestsTsv(text: string): GraphDigest[] {
  return text
    .split('\n')
    .slice(1)
    .filter((l) => l !== '')
    .map((l) => {
      const [graph, quads, sha256] = l.split('\t');
      return { graph: graph!, quads: Number(quads), sha256: sha256! };
    });
}

/** The graph IRI of an N-Quads line as loa writes them (`… <graph> .`). */
function graphOf(line: string): string {
  const start = line.lastIndexOf('<');
  return line.slice(start + 1, line.lastIndexOf('>'));
}

/** Lines of changed graphs held by the sorter before a run goes to disk. */
const SORT_RUN_LINES = 200_000;

/**
 * Adds the lines of the wanted graphs of a gzipped N-Quads dump to `sorter`, one pass, as
 * `graph \0 line \0 side`: sorted, each graph's lines come together, graphs in code-unit order,
 * and a line of both sides comes out as its old copy then its new one.
 */
async function addLinesOf(path: string, wanted: ReadonlySet<string>, side: '0' | '1', sorter: LineSorter): Promise<void> {
  for await (const lines of gzipLineBatches(path)) {
    const batch: string[] = [];
    for (const line of lines) {
      const g = graphOf(line);
      if (wanted.has(g)) batch.push(`${g}\u0000${line}\u0000${side}\n`);
    }
    await sorter.add(batch);
  }
}

/**
 * Writes the change files of the release in `dir` against the previous release
 * folder (if any); returns the files written and the summary.
 */
export async function writeChanges(
  dir: string,
  version: string,
  digests: readonly GraphDigest[],
  previous?: { version: string; dir: string },
  /** Lines of changed graphs sorted in memory before a run goes to disk (tests make it small). */
  sortRunLines = SORT_RUN_LINES,
): Promise<{ files: ReleaseFile[]; summary: ChangeSummary }> {
  await mkdir(join(dir, 'changes'), { recursive: true });
  await writeFile(join(dir, DIGESTS), digestsTsv(digests));
  const files: ReleaseFile[] = [await record(dir, DIGESTS, 'text/tab-separated-values', 'Named graphs of this release, with quad counts and SHA-256 digests')];

  let before: GraphDigest[] = [];
  if (previous) {
    try {
      before = parseDigestsTsv(await readFile(join(previous.dir, DIGESTS), 'utf8'));
    } catch {
      // A previous release without digests: every graph counts as changed.
      before = [];
    }
  }
  const old = new Map(before.map((d) => [d.graph, d]));
  const now = new Map(digests.map((d) => [d.graph, d]));
  const touched = new Set<string>();
  let unchanged = 0;
  let added = 0;
  let changed = 0;
  for (const d of digests) {
    const o = old.get(d.graph);
    if (!o) added++;
    else if (o.sha256 !== d.sha256) changed++;
    else {
      unchanged++;
      continue;
    }
    touched.add(d.graph);
  }
  let removed = 0;
  for (const d of before) {
    if (!now.has(d.graph)) {
      removed++;
      touched.add(d.graph);
    }
  }

  const summary: ChangeSummary = {
    version,
    previousVersion: previous?.version ?? null,
    graphs: { total: digests.length, added, removed, changed, unchanged },
    quads: { added: 0, removed: 0 },
    changes: [],
  };
  if (previous) {
    const sorter = new LineSorter(join(dir, 'changes', '.sort'), sortRunLines);
    if (touched.size > 0) {
      await addLinesOf(join(previous.dir, 'dumps/loa.nq.gz'), touched, '0', sorter);
      await addLinesOf(join(dir, 'dumps/loa.nq.gz'), touched, '1', sorter);
    }
    const plus = new GzipTextSink(join(dir, 'changes/added.nq.gz'));
    const minus = new GzipTextSink(join(dir, 'changes/removed.nq.gz'));
    const counts = new Map<string, GraphChange>();
    // The entry before, not yet known to be in both dumps: `graph \0 line \0 side`, without its newline.
    let held: string | undefined;
    const settle = async (entry: string) => {
      const at = entry.indexOf('\u0000');
      const graph = entry.slice(0, at);
      const line = entry.slice(at + 1, entry.length - 2);
      let change = counts.get(graph);
      if (!change) counts.set(graph, (change = { graph, added: 0, removed: 0 }));
      if (entry.endsWith('1')) {
        change.added++;
        await plus.write(`${line}\n`);
      } else {
        change.removed++;
        await minus.write(`${line}\n`);
      }
    };
    await sorter.drain(async (keyed) => {
      const entry = keyed.slice(0, -1);
      // Same graph and line, old then new: unchanged.
      if (held !== undefined && entry.endsWith('1') && held.endsWith('0') && held.slice(0, -1) === entry.slice(0, -1)) {
        held = undefined;
        return;
      }
      if (held !== undefined) await settle(held);
      held = entry;
    });
    if (held !== undefined) await settle(held);
    await plus.close();
    await minus.close();
    for (const graph of [...touched].sort(byCodeUnits)) {
      const change = counts.get(graph) ?? { graph, added: 0, removed: 0 };
      summary.quads.added += change.added;
      summary.quads.removed += change.removed;
      summary.changes.push(change);
    }
    files.push(await record(dir, 'changes/added.nq.gz', 'application/n-quads', `Quads added since release ${previous.version}`, true));
    files.push(await record(dir, 'changes/removed.nq.gz', 'application/n-quads', `Quads removed since release ${previous.version}`, true));
  } else {
    summary.quads.added = digests.reduce((n, d) => n + d.quads, 0);
  }
  await writeFile(join(dir, 'changes/summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  files.push(await record(dir, 'changes/summary.json', 'application/json', 'What changed since the previous release'));
  return { files, summary };
}
