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
 * one streaming pass over each, so the cost follows the size of the change.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { forEachGzipLine } from '../core/gzip-lines.ts';
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

/** Reads the lines of the wanted graphs from a gzipped N-Quads dump, one pass. */
async function linesOf(path: string, wanted: ReadonlySet<string>): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (wanted.size === 0) return out;
  await forEachGzipLine(path, (line) => {
    const g = graphOf(line);
    if (!wanted.has(g)) return;
    let set = out.get(g);
    if (!set) out.set(g, (set = new Set()));
    set.add(line);
  });
  return out;
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
    // Both dumps at once: their decompression runs off this thread.
    const [newLines, oldLines] = await Promise.all([linesOf(join(dir, 'dumps/loa.nq.gz'), touched), linesOf(join(previous.dir, 'dumps/loa.nq.gz'), touched)]);
    const plus = new GzipTextSink(join(dir, 'changes/added.nq.gz'));
    const minus = new GzipTextSink(join(dir, 'changes/removed.nq.gz'));
    for (const graph of [...touched].sort(byCodeUnits)) {
      const a = newLines.get(graph) ?? new Set<string>();
      const b = oldLines.get(graph) ?? new Set<string>();
      const gained = [...a].filter((l) => !b.has(l)).sort(byCodeUnits);
      const lost = [...b].filter((l) => !a.has(l)).sort(byCodeUnits);
      for (const l of gained) await plus.write(`${l}\n`);
      for (const l of lost) await minus.write(`${l}\n`);
      summary.quads.added += gained.length;
      summary.quads.removed += lost.length;
      summary.changes.push({ graph, added: gained.length, removed: lost.length });
    }
    await plus.close();
    await minus.close();
    files.push(await record(dir, 'changes/added.nq.gz', 'application/n-quads', `Quads added since release ${previous.version}`, true));
    files.push(await record(dir, 'changes/removed.nq.gz', 'application/n-quads', `Quads removed since release ${previous.version}`, true));
  } else {
    summary.quads.added = digests.reduce((n, d) => n + d.quads, 0);
  }
  await writeFile(join(dir, 'changes/summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  files.push(await record(dir, 'changes/summary.json', 'application/json', 'What changed since the previous release'));
  return { files, summary };
}
