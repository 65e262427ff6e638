/**
 * The change files between two releases: the quads of each changed, added or
 * removed graph that came and went, graph by graph, whether the changed lines
 * are sorted in memory or in runs on disk, and only for graphs whose digest
 * differs.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/hash.ts';
import { writeChanges } from '../../src/publish/changes.ts';
import type { GraphDigest } from '../../src/publish/dumps.ts';

const G = (name: string) => `https://example.org/graph/${name}`;
const line = (s: string, o: string, g: string) => `<https://example.org/${s}> <http://schema.org/name> "${o}"@vi <${G(g)}> .`;

/** Graphs as the dumps hold them: each graph's lines together and sorted. */
type Graphs = Record<string, string[]>;

function writeRelease(dir: string, graphs: Graphs): GraphDigest[] {
  mkdirSync(join(dir, 'dumps'), { recursive: true });
  mkdirSync(join(dir, 'changes'), { recursive: true });
  const names = Object.keys(graphs);
  const lines = names.flatMap((g) => [...graphs[g]!].sort());
  writeFileSync(join(dir, 'dumps/loa.nq.gz'), gzipSync(`${lines.join('\n')}\n`));
  const digests = names.map((g) => ({ graph: G(g), quads: graphs[g]!.length, sha256: sha256Hex([...graphs[g]!].sort().join('\n')) }));
  writeFileSync(join(dir, 'changes/graphs.tsv'), `graph\tquads\tsha256\n${digests.map((d) => `${d.graph}\t${d.quads}\t${d.sha256}\n`).join('')}`);
  return digests;
}

const gunzipLines = (path: string) => gunzipSync(readFileSync(path)).toString('utf8').split('\n').filter((l) => l !== '');

let work: string;
const before: Graphs = {
  // The memberships' graph: large, and a few of its lines change.
  memberships: Array.from({ length: 40 }, (_, i) => line(`m${i}`, `Chức vụ ${i}`, 'memberships')),
  'announcement/a1': [line('a1', 'Bản tin một', 'announcement/a1'), line('p1', 'Trần Văn A', 'announcement/a1')],
  'announcement/a2': [line('a2', 'Bản tin hai', 'announcement/a2')],
  'announcement/a3': [line('a3', 'Bản tin ba', 'announcement/a3')],
};
const after: Graphs = {
  memberships: [...before.memberships!.filter((_, i) => i !== 7 && i !== 21), line('m40', 'Chức vụ 40', 'memberships'), line('m7', 'Chức vụ bảy', 'memberships')],
  'announcement/a1': [line('a1', 'Bản tin một', 'announcement/a1'), line('p1', 'Trần Văn Á', 'announcement/a1')],
  'announcement/a3': before['announcement/a3']!,
  'announcement/a4': [line('a4', 'Bản tin bốn', 'announcement/a4')],
};

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'loa-changes-'));
  writeRelease(join(work, 'v1'), before);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the change files', () => {
  for (const [label, runLines] of [
    ['sorted in memory', 200_000],
    ['sorted in runs on disk', 3],
  ] as const) {
    it(`give what each graph gained and lost, graph by graph (${label})`, async () => {
      const dir = join(work, `v2-${runLines}`);
      const digests = writeRelease(dir, after);
      const { summary } = await writeChanges(dir, 'v2', digests, { version: 'v1', dir: join(work, 'v1') }, runLines);
      expect(summary.graphs).toEqual({ total: 4, added: 1, removed: 1, changed: 2, unchanged: 1 });
      expect(summary.changes).toEqual([
        { graph: G('announcement/a1'), added: 1, removed: 1 },
        { graph: G('announcement/a2'), added: 0, removed: 1 },
        { graph: G('announcement/a4'), added: 1, removed: 0 },
        { graph: G('memberships'), added: 2, removed: 2 },
      ]);
      expect(summary.quads).toEqual({ added: 4, removed: 4 });
      expect(gunzipLines(join(dir, 'changes/added.nq.gz'))).toEqual([
        line('p1', 'Trần Văn Á', 'announcement/a1'),
        line('a4', 'Bản tin bốn', 'announcement/a4'),
        ...[line('m40', 'Chức vụ 40', 'memberships'), line('m7', 'Chức vụ bảy', 'memberships')].sort(),
      ]);
      expect(gunzipLines(join(dir, 'changes/removed.nq.gz'))).toEqual([
        line('p1', 'Trần Văn A', 'announcement/a1'),
        line('a2', 'Bản tin hai', 'announcement/a2'),
        ...[line('m21', 'Chức vụ 21', 'memberships'), line('m7', 'Chức vụ 7', 'memberships')].sort(),
      ]);
      // The old dump with the removed lines taken out and the added ones put in is the new dump.
      const old = new Set(gunzipLines(join(work, 'v1/dumps/loa.nq.gz')));
      for (const l of gunzipLines(join(dir, 'changes/removed.nq.gz'))) old.delete(l);
      for (const l of gunzipLines(join(dir, 'changes/added.nq.gz'))) old.add(l);
      expect([...old].sort()).toEqual(gunzipLines(join(dir, 'dumps/loa.nq.gz')).sort());
      expect(existsSync(join(dir, 'changes/.sort'))).toBe(false);
    });
  }
});
