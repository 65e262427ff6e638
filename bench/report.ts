/**
 * The benchmark's outputs: `bench/results.json` (every figure, per corpus size,
 * with the machine) and the same figures as tables with their targets and
 * ratios, printed and written to `bench/RESULTS.md`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import type { AdversarialResult } from './adversarial.ts';
import { TARGET_MS } from './adversarial.ts';
import {
  type EndpointResult,
  ISOLATION_DURING_SECONDS,
  ISOLATION_RECOVERY_LIMIT_SECONDS,
  type IsolationResult,
  LIGHT_CLIENT_TIMEOUT_MS,
  type LightFigures,
  PAUSE_AFTER_REFUSAL_MS,
  WARM_UP_REQUESTS,
} from './endpoint.ts';
import type { FloorsMeasurement, WriterFloor } from './floors.ts';
import type { CorpusInfo } from './generate.ts';
import type { BuildMeasurement, IncrementalMeasurement, ReportedTimes } from './measure-build.ts';
import type { ExtractMeasurement } from './measure-extract.ts';
import { SPARQL_BUDGET_SECONDS, type SparqlMeasurement } from './sparql.ts';
import { rate, REPO_ROOT } from './stats.ts';
import type { VirtuosoMeasurement } from './virtuoso.ts';

/** The machine a run was made on. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  kernel: string;
  packages: Record<string, string>;
}

/** The stages the harness knows, in the order it runs them. */
export const STAGES = ['generate', 'build', 'extract', 'floors', 'sparql', 'virtuoso', 'endpoint', 'adversarial', 'incremental'] as const;
export type Stage = (typeof STAGES)[number];

/** The figures of one corpus size; stages not run this time keep their last figures. */
export interface RunResult {
  size: string;
  announcements: number;
  /**
   * When, at which commit and in how many seconds (of the harness) each stage was last
   * measured, with the 1-minute load average after it: above ~1 on this 2-core machine,
   * something else was running and the figures are noisier.
   */
  measured: Partial<Record<Stage, { at: string; commit: string; seconds: number; load: number }>>;
  corpus?: CorpusInfo;
  build?: BuildMeasurement;
  extract?: ExtractMeasurement;
  floors?: FloorsMeasurement;
  sparql?: SparqlMeasurement;
  virtuoso?: VirtuosoMeasurement;
  endpoint?: EndpointResult;
  adversarial?: AdversarialResult[];
  incremental?: IncrementalMeasurement;
}

/** `bench/results.json`. */
export interface Results {
  machine: MachineInfo;
  runs: Record<string, RunResult>;
}

/** Targets of the performance issue (this 2-core machine). */
export const TARGETS = {
  wallSeconds100k: 240,
  peakRssMb: 1536,
  dumpVsStreamWriter: 0.5,
  extractionPerSecond: 2000,
  sparqlWarmP50Ratio: 1.5,
  sparqlP95Ms: 100,
  sparqlScanP95Ms: 500,
  incrementalShare: 0.1,
} as const;

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'missing';
  }
}

/** CPU model (from /proc/cpuinfo), cores, memory, Node and the versions of the RDF libraries. */
export function machineInfo(): MachineInfo {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // not Linux: keep the model os.cpus() gives
  }
  return {
    cpu,
    cores: cpus().length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    kernel: release(),
    packages: Object.fromEntries(['n3', 'oxigraph', '@comunica/query-sparql', 'tsx', 'autocannon'].map((p) => [p, packageVersion(p)])),
  };
}

/** The commit the work tree is at, with `+dirty` when it has changes other than the figures and the documentation. */
export function currentCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    // Changes that cannot change a measurement do not count: the harness's own figures and the documentation.
    const changed = execFileSync('git', ['status', '--porcelain'], { cwd: REPO_ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => line.slice(3).split(' -> ').pop()!);
    const dirty = changed.some((path) => path !== 'bench/results.json' && !path.endsWith('.md'));
    return dirty ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------- formatting

const num = (n: number | undefined, digits = 0): string =>
  n === undefined || !Number.isFinite(n) ? '–' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (n: number | undefined): string => (n === undefined || !Number.isFinite(n) ? '–' : n < 10 ? num(n, 2) : n < 100 ? num(n, 1) : num(n, 0));
const ratio = (n: number | undefined): string => (n === undefined || !Number.isFinite(n) ? '–' : `${num(n, n < 10 ? 2 : 1)}×`);
const verdict = (ok: boolean): string => (ok ? 'ok' : 'MISS');

/** A table: a title, column headers and rows of cells. */
interface Table {
  title: string;
  headers: string[];
  rows: string[][];
  notes?: string[];
}

function textTable(t: Table): string {
  const widths = t.headers.map((h, i) => Math.max(h.length, ...t.rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [t.title, line(t.headers), widths.map((w) => '-'.repeat(w)).join('  '), ...t.rows.map(line), ...(t.notes ?? []).map((n) => `  ${n}`)].join('\n');
}

function markdownTable(t: Table): string {
  const escape = (c: string) => c.replace(/\|/g, '\\|');
  return [
    `#### ${t.title}`,
    '',
    `| ${t.headers.map(escape).join(' | ')} |`,
    `|${t.headers.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...t.rows.map((r) => `| ${r.map(escape).join(' | ')} |`),
    ...(t.notes?.length ? ['', ...t.notes.map((n) => `- ${n}`)] : []),
  ].join('\n');
}

// ---------------------------------------------------------------- tables

function buildTable(r: RunResult, b: BuildMeasurement): Table {
  const scale = 100_000 / r.announcements;
  const rows: string[][] = [
    ['wall time (spawn → exit)', `${num(b.wallSeconds, 1)} s`, `${num(b.wallSeconds * scale, 0)} s at 100k, linear`, `≤ ${TARGETS.wallSeconds100k} s at 100k`, verdict(b.wallSeconds * scale <= TARGETS.wallSeconds100k)],
    ['  of which CLI start-up', `${num(b.startupSeconds, 2)} s`, '', '', ''],
    ['  build (report summary.seconds)', `${num(b.buildSeconds, 1)} s`, '', '', ''],
    ...b.stages.flatMap((s) => [
      [`  stage "${s.label}" (from progress lines)`, `${num(s.seconds, 1)} s`, '', '', ''],
      ...(s.loopSeconds !== undefined ? [[`    loop (extrapolated) / after loop`, `${num(s.loopSeconds, 1)} s / ${num(s.afterLoopSeconds, 1)} s`, '', '', '']] : []),
    ]),
    ['announcements/s', num(b.announcementsPerSecond, 0), '', `≥ ${num(100_000 / TARGETS.wallSeconds100k)} (100k in 4 min)`, verdict(b.announcementsPerSecond >= 100_000 / TARGETS.wallSeconds100k)],
    ['triples/s (distinct, N-Triples)', num(b.triplesPerSecond, 0), `${num(b.summary.triples)} triples`, '', ''],
    ['quads/s (N-Quads)', num(b.quadsPerSecond, 0), `${num(b.summary.quads)} quads`, '', ''],
    ['peak RSS', `${num(b.peakRssMb, 0)} MB`, `${num(b.peakRssMb * scale, 0)} MB at 100k, linear`, `≤ ${TARGETS.peakRssMb} MB at 100k`, verdict(b.peakRssMb * scale <= TARGETS.peakRssMb)],
  ];
  const release = b.released ? 'released' : `NOT released: ${b.violations} shape violations`;
  return {
    title: `End-to-end build, ${r.size} (${num(b.summary.published)} announcements in ${num(b.summary.files)} files; exit ${b.exitCode}, ${b.summary.rejected} rejected, ${release})`,
    headers: ['measure', 'value', 'projection', 'target', ''],
    rows,
    notes: [`peak RSS from ${b.rssSource}; projections to 100k are linear and only indicative.`, ...b.violationSamples.map((v) => `violation ${v}`)],
  };
}

/** Where a build's time went, as the build itself reports it (report.json `stages` and `stageParts`). */
function reportedTable(title: string, t: ReportedTimes): Table {
  const rows: string[][] = [];
  for (const [stage, seconds] of Object.entries(t.stages)) {
    if (stage === 'peakRssMb') continue;
    rows.push([stage, `${num(seconds, 1)} s`]);
    for (const [part, partSeconds] of Object.entries(t.parts[stage] ?? {})) rows.push([`  ${part}`, `${num(partSeconds, 1)} s`]);
  }
  return {
    title,
    headers: ['stage / part', 'seconds'],
    rows,
    notes: [
      'stages are consecutive spans of the main thread and add up to the build; the parts are the time the main thread spent on each, except those of writers run beside the others (the pages\' worker, timed from its start), so the release\'s parts may add up to more than the stage.',
      'graphs are checked and serialised for the dumps in worker threads: the dumps stage is the main thread writing and compressing what they hand back (waiting for them counts as validate).',
    ],
  };
}

function extractTable(x: ExtractMeasurement): Table {
  const e = x.extraction;
  return {
    title: `Ingest and extraction in-process, one core (${num(e.announcements)} announcements)`,
    headers: ['measure', 'value', 'rate', 'target', ''],
    rows: [
      ['ingest: readInputFile', `${num(x.ingest.seconds, 2)} s`, `${num(x.ingest.announcementsPerSecond)} ann/s, ${num(x.ingest.megabytes / x.ingest.seconds, 1)} MB/s`, '', ''],
      ['extraction alone: extractAnnouncement', `${num(e.seconds, 2)} s`, `${num(e.announcementsPerSecond)} ann/s`, `≥ ${num(TARGETS.extractionPerSecond)} ann/s`, verdict(e.announcementsPerSecond >= TARGETS.extractionPerSecond)],
      ['  ratio to target', ratio(e.announcementsPerSecond / TARGETS.extractionPerSecond), '', '≥ 1×', ''],
      ['  per announcement p50 / p95 / p99 / max', `${ms(e.p50Ms)} / ${ms(e.p95Ms)} / ${ms(e.p99Ms)} / ${ms(e.maxMs)} ms`, `slowest ${e.slowest.id} (${num(e.slowest.bodyChars)} chars)`, '', ''],
    ],
    notes: [`first 20 extractions (tables compiled on first use): ${num(e.warmupSeconds, 2)} s, not in the rate; failures: ${e.failures}.`],
  };
}

/** Seconds a dump format cost, from the parts the dump writer reports (see `DumpStats.seconds`). */
function formatSeconds(parts: Record<string, number>, format: 'N-Quads' | 'N-Triples'): number {
  // The union's lines, spill and merge feed N-Triples and Turtle alike; all of it is charged to N-Triples here.
  const names = format === 'N-Quads' ? ['N-Quads: serialise', 'N-Quads: write'] : ['union: lines', 'union: sort and spill', 'union: merge', 'N-Triples: write'];
  return names.reduce((sum, name) => sum + (parts[name] ?? Number.NaN), 0);
}

function floorsTable(f: FloorsMeasurement, b: BuildMeasurement | undefined): Table {
  const floor = (label: string) => f.writers.find((w) => w.label === label);
  const nt = floor('StreamWriter N-Triples → /dev/null');
  const ntGz = floor('StreamWriter N-Triples + gzip -6 → /dev/null');
  const nq = floor('StreamWriter N-Quads → /dev/null');
  const nqGz = floor('StreamWriter N-Quads + gzip -6 → /dev/null');
  const rows: string[][] = [
    [`N3 StreamParser, loa.nq.gz (gunzip + parse)`, `${num(f.parse.quadsPerSecond)} quads/s`, '', '', ''],
    ...f.writers.map((w) => [w.label, `${num(w.statementsPerSecond)} statements/s`, `${num(w.statements)} in ${num(w.seconds, 2)} s`, '', '']),
    ['read + split loa.nt (after gunzip)', `${num(f.read.linesPerSecond)} lines/s`, `${num(f.read.megabytesPerSecond, 0)} MB/s, ${num(f.read.lines)} lines`, '', ''],
  ];
  // One row per dump format and source of timings: its rate against the StreamWriter floors, judged
  // against the floor writing the same kind of file (gzipped, as loa's dumps are).
  const formatRow = (label: string, count: number, seconds: number, unit: string, plain: WriterFloor | undefined, gz: WriterFloor | undefined) => {
    const r = rate(count, seconds);
    const toGz = gz ? r / gz.statementsPerSecond : Number.NaN;
    const toPlain = plain ? r / plain.statementsPerSecond : Number.NaN;
    return [label, `${num(r)} ${unit}/s`, `${ratio(toGz)} of StreamWriter + gzip; ${ratio(toPlain)} of StreamWriter uncompressed (${num(count)} in ${num(seconds, 1)} s)`, `≥ ${TARGETS.dumpVsStreamWriter}×`, verdict(toGz >= TARGETS.dumpVsStreamWriter)];
  };
  const parts = b?.reported?.parts.dumps;
  if (b && parts) {
    rows.push(
      formatRow('loa N-Quads dump in the build', b.summary.quads, formatSeconds(parts, 'N-Quads'), 'quads', nq, nqGz),
      formatRow('loa N-Triples dump in the build', b.summary.triples, formatSeconds(parts, 'N-Triples'), 'triples', nt, ntGz),
    );
  }
  const d = f.dumpWriter;
  // Figures kept from runs before the writer reported its parts have none.
  if (d.parts) {
    rows.push(
      formatRow('loa DumpWriter on the same quads: N-Quads', d.quads, formatSeconds(d.parts, 'N-Quads'), 'quads', nq, nqGz),
      formatRow('loa DumpWriter on the same quads: N-Triples', d.triples, formatSeconds(d.parts, 'N-Triples'), 'triples', nt, ntGz),
    );
  }
  rows.push(
    ['loa DumpWriter.addGraph, all it does', `${num(d.quadsPerSecond)} quads/s`, `N-Quads and JSON-LD written, the union kept: ${num(d.addGraphSeconds, 1)} s`, '', ''],
    ['loa DumpWriter.close, all it does', `${num(d.closeTriplesPerSecond)} triples/s`, `N-Triples, Turtle and the VoID count from one merge: ${num(d.closeSeconds, 1)} s`, '', ''],
  );
  if (b) rows.push(['loa build triples/s vs read floor', ratio(b.triplesPerSecond / f.read.linesPerSecond), 'of lines/s read', '', '']);
  if (f.siteFiles) {
    const x = f.siteFiles;
    rows.push(['site/ files written again, same paths and sizes (FileBatch)', `${num(x.filesPerSecond)} files/s`, `${num(x.files)} files, ${num(x.megabytes, 0)} MB in ${num(x.seconds, 1)} s`, '', '']);
    const pages = b?.reported?.parts.release?.["in the pages' worker: entity pages"];
    if (pages !== undefined) rows.push(['  entity pages in the build (worker)', `${num(pages, 1)} s`, `${ratio(pages / x.seconds)} of the files alone`, '', '']);
  }
  return {
    title: 'Dump writing against its floors',
    headers: ['measure', 'rate', 'comparison', 'target', ''],
    rows,
    notes: [
      'StreamWriter floors write the quads of loa.nq.gz (as triples for N-Triples) to /dev/null with back-pressure; only writing is timed.',
      'A loa dump\'s seconds are those its writer reports (report.json stageParts.dumps in the build; DumpStats.seconds in-process): for N-Quads, making the sorted, distinct lines and their digest (in the graph workers, in the build) and writing them through gzip -6; for N-Triples, making the union\'s lines, sorting and spilling them, merging the runs (which also feeds the Turtle) and writing them through gzip -6. The verdict compares with the floor that writes the same kind of file, gzipped.',
      'The in-process DumpWriter rows time loa\'s own writer (src/publish/dumps.ts) on the same parsed quads, graph by graph, in one thread.',
      'The site/ row is the file system\'s share of the entity pages: the same files written without rendering. On this machine\'s disk the time to create many small files varies several-fold from run to run (112,000 files of 8 KB: 4 s to 27 s in one loop, run after run), so compare the two rows of one run only.',
    ],
  };
}

function sparqlTable(s: SparqlMeasurement): Table {
  const rows = s.queries.map((q) => {
    const limit = q.wholeDataset ? TARGETS.sparqlScanP95Ms : TARGETS.sparqlP95Ms;
    const ok = q.warmP50Ratio <= TARGETS.sparqlWarmP50Ratio && q.loa.warmP95 <= limit && q.loa.timeouts === 0;
    const same = q.differences.length === 0 ? 'same' : `${q.differences.length} differ`;
    const rowCounts = q.loa.rows.map((n) => (n < 0 ? '–' : String(n))).join(',');
    return [
      `${q.label}${q.wholeDataset ? ' *' : ''}`,
      `${ms(q.oxigraph.coldP50)} / ${ms(q.oxigraph.coldP95)}`,
      `${ms(q.oxigraph.warmP50)} / ${ms(q.oxigraph.warmP95)}`,
      `${ms(q.loa.coldP50)} / ${ms(q.loa.coldP95)}`,
      `${ms(q.loa.warmP50)} / ${ms(q.loa.warmP95)}${q.loa.timeouts ? ` (${q.loa.timeouts} timeouts)` : ''}`,
      ratio(q.warmP50Ratio),
      rowCounts,
      same,
      verdict(ok),
    ];
  });
  const diffNotes = s.queries.flatMap((q) =>
    q.differences.map((d) => `rows differ, ${q.id} [${d.instance}]: loa ${d.loaRows}, oxigraph ${d.oxigraphRows}${d.sameCount ? ' (same count, different values)' : ''}`),
  );
  return {
    title: `SPARQL over ${num(s.statements)} statements: loa's engine (its query facade over oxigraph) vs oxigraph alone, each in a worker thread of its own, ms p50 / p95`,
    headers: ['query', 'oxigraph cold', 'oxigraph warm', 'loa cold', 'loa warm', 'warm p50 ratio', 'rows per instance', 'rows vs oxigraph', `≤ ${TARGETS.sparqlWarmP50Ratio}× & p95`],
    rows,
    notes: [
      `load: loa ${num(s.load.loa.seconds, 1)} s (worker heap ${num(s.load.loa.heapMb)} MB), oxigraph ${num(s.load.oxigraph.seconds, 1)} s; process RSS with both engines' stores ${num(s.load.rssAfterBothMb)} MB; first query (engine start): loa ${ms(s.firstQueryMs.loa)} ms, oxigraph ${ms(s.firstQueryMs.oxigraph)} ms.`,
      `cold = first run of each instance (5 instances per query, 1 for the count); warm = up to 10 rounds after it, at most ${SPARQL_BUDGET_SECONDS} s per query and engine. Target: warm p50 ≤ ${TARGETS.sparqlWarmP50Ratio}× oxigraph and p95 ≤ ${TARGETS.sparqlP95Ms} ms (* whole-dataset scans and aggregates ≤ ${TARGETS.sparqlScanP95Ms} ms).`,
      ...(s.loaRestarts > 0 ? [`loa's worker was restarted ${s.loaRestarts} times after queries passed the 60 s deadline.`] : []),
      ...diffNotes,
    ],
  };
}

function virtuosoTable(v: VirtuosoMeasurement): Table {
  const rows = v.queries.map((q) => {
    const limit = q.wholeDataset ? TARGETS.sparqlScanP95Ms : TARGETS.sparqlP95Ms;
    const same = q.differences === undefined ? 'not compared' : q.differences.length === 0 ? 'same' : `${q.differences.length} differ`;
    return [
      `${q.label}${q.wholeDataset ? ' *' : ''}`,
      `${ms(q.virtuoso.coldP50)} / ${ms(q.virtuoso.coldP95)}`,
      `${ms(q.virtuoso.warmP50)} / ${ms(q.virtuoso.warmP95)}${q.virtuoso.timeouts ? ` (${q.virtuoso.timeouts} timeouts)` : ''}`,
      q.virtuoso.rows.map((n) => (n < 0 ? '–' : String(n))).join(','),
      same,
      verdict(q.virtuoso.warmP95 <= limit && q.virtuoso.timeouts === 0),
    ];
  });
  const diffNotes = v.queries.flatMap((q) => (q.differences ?? []).map((d) => `rows differ, ${q.id} [${d.instance}]: Virtuoso ${d.virtuosoRows}, loa ${d.loaRows}`));
  const l = v.load;
  return {
    title: `SPARQL on Virtuoso, the path for a release beyond one in-memory store: the N-Quads dump bulk-loaded, the query mix over HTTP on 127.0.0.1, ms p50 / p95`,
    headers: ['query', 'cold', 'warm', 'rows per instance', 'rows vs loa', `p95 ≤ ${TARGETS.sparqlP95Ms} ms (* ≤ ${TARGETS.sparqlScanP95Ms})`],
    rows,
    notes: [
      `${v.version}; page cache ${num(v.bufferMb)} MB. Bulk load (\`ld_dir\` + \`rdf_loader_run\`) of ${num(v.quadsLoaded)} quads${v.quadsInDump === undefined ? '' : ` (the dump has ${num(v.quadsInDump)})`} in ${num(l.seconds, 1)} s, checkpoint ${num(l.checkpointSeconds, 1)} s; database file ${num(l.databaseMb)} MB; server RSS ${num(l.rssAfterLoadMb)} MB after the load, ${num(v.rssAfterQueriesMb)} MB after the queries.`,
      'Times are whole requests as a client sees them (POST, the answer read and parsed). Queries reading the default graph are sent with DISTINCT, as Virtuoso\'s default graph repeats a statement once per graph that states it; that gives loa\'s rows exactly.',
      ...(v.notCompared ? [`rows not compared with loa's engine: ${v.notCompared}`] : []),
      ...diffNotes,
    ],
  };
}

function endpointTable(e: EndpointResult, autocannonVersion: string | undefined): Table {
  const rows = e.queries.flatMap((q) => {
    if (q.skipped) return [[q.label, '–', `not loaded (${q.probeStatus})`, '', '', '', '', '', num(q.probeRows)]];
    return q.loads.map((l, i) => [
      i === 0 ? q.label : '',
      String(l.connections),
      num(l.okPerSecond),
      ms(l.p50Ms),
      ms(l.p99Ms),
      num(l.non2xx),
      l.shed ? `${num(l.shed)} (Retry-After ${l.retryAfter.join(', ')})` : '0',
      `${num(l.errors)} / ${num(l.timeouts)}`,
      i === 0 ? num(q.probeRows) : '',
    ]);
  });
  const problems = e.queries.flatMap((q) => [
    ...(q.skipped ? [`${q.id} not loaded: ${q.skipped}`] : []),
    ...q.loads.flatMap((l) => [
      ...(l.non2xx > l.shed ? [`${q.id} × ${l.connections}: ${num(l.non2xx - l.shed)} non-2xx not shed (${Object.entries(l.statuses).map(([s, n]) => `${s}: ${n}`).join(', ')}); ${l.failures.join(' | ')}`] : []),
      ...(l.empty > 0 ? [`${q.id} × ${l.connections}: ${num(l.empty)} 2xx answers without rows`] : []),
    ]),
  ]);
  const s = e.server;
  return {
    title: `Endpoint under load: loa's server (${s.workers} workers, queue ${s.queueLimit}, deadline ${num(s.timeoutMs / 1000)} s) on 127.0.0.1, ${e.secondsPerLoad} s per load`,
    headers: ['request', 'connections', '2xx/s', 'p50 ms', 'p99 ms', 'non-2xx', 'of which shed (503)', 'errors / timeouts', 'rows'],
    rows,
    notes: [
      `autocannon ${autocannonVersion ?? '?'} in the harness, the server in a child process (startServer, default options, no request log); one request type at a time, at ${e.connections.join(' then ')} connections, after ${WARM_UP_REQUESTS} warm-up requests. p50 and p99 are of the 2xx answers; rows: of one answer sent before the loads (bindings, hits or triples).`,
      `Shed: 503 with Retry-After from the full queue (${s.workers} running + ${s.queueLimit} waiting). autocannon does not wait as Retry-After asks: a refused connection asks again at once, so the 2xx rate under shedding is that of a server also answering the refusals.`,
      `server start ${num(s.startSeconds, 1)} s; RSS ${num(s.rssAfterStartMb)} MB after start, peak ${num(s.peakRssMb)} MB (workers included; by the end of the stage${e.isolation ? ', isolation included' : ''}); load average before the first load ${num(e.loadBefore, 2)}; ${aliveText(e)}${e.serverExit ? `; the server ended by itself: ${e.serverExit}` : ''}.`,
      ...(e.isolationError ? [`isolation not measured: ${e.isolationError}`] : []),
      `requests chosen from the data: ${[...new Set(e.queries.map((q) => `${q.id} ${q.subject}`))].join('; ')}.`,
      ...problems,
    ],
  };
}

const statusList = (statuses: Record<string, number>): string =>
  Object.entries(statuses)
    .map(([status, n]) => `${status === '0' ? 'no answer' : status}: ${num(n)}`)
    .join(', ') || '–';

function isolationTable(iso: IsolationResult, timeoutMs: number): Table {
  const row = (phase: string, l: LightFigures | undefined): string[] =>
    l
      ? [phase, num(l.requests), num(l.ok), ms(l.p50Ms), ms(l.p99Ms), ms(l.maxMs), l.shed ? `${num(l.shed)} (answered after p50 ${ms(l.shedP50Ms)} ms)` : '0', num(l.hung), statusList(l.statuses)]
      : [phase, '–', '–', '–', '–', '–', '–', '–', 'no 2xx came back'];
  const r = iso.recovery;
  const phases = [
    ['alone', iso.alone],
    [`from the heavy queries on (${num(iso.during.seconds, 1)} s)`, iso.during],
    ['after recovery', r.after],
  ] as const;
  const rss = iso.rss;
  return {
    title: `Endpoint isolation: a light query (${iso.light}, sequential) alone, beside ${iso.heavyRequests} cartesian products, and after them`,
    headers: ['phase', 'requests', '2xx', 'p50 ms', 'p99 ms', 'max ms', 'shed (503 + Retry-After)', 'hung', 'statuses'],
    rows: phases.map(([phase, l]) => row(phase, l)),
    notes: [
      `heavy: ${iso.heavyRequests} × \`${iso.heavyQuery}\` sent at once, deadline ${num(timeoutMs / 1000)} s; answers: ${iso.heavy.map((h) => `${h.status || 'no answer'} after ${num(h.seconds, 1)} s (${h.body}${h.retryAfter ? `, Retry-After ${h.retryAfter}` : ''})`).join('; ')}.`,
      `while both heavy queries held the workers (until the first heavy answer): ${num(iso.during.answeredWhileHeavyRan)} light answers, ${num(iso.during.okWhileHeavyRan)} of them 2xx${iso.during.okWhileHeavyRan === 0 ? ': no light query was served while the heavy ones ran' : ''}.`,
      `light: one request at a time (a ${num(PAUSE_AFTER_REFUSAL_MS)} ms pause after a refusal, Retry-After not honoured), for ${num(ISOLATION_DURING_SECONDS)} s from the start of the heavy ones; a request unanswered after ${num(LIGHT_CLIENT_TIMEOUT_MS / 1000)} s counts as hung.`,
      r.firstOkSeconds !== undefined
        ? `recovery: first 2xx ${num(r.firstOkSeconds, 1)} s after the last heavy answer (its worker terminated then), after ${num(r.attempts)} light requests (${statusList(r.statusesBefore)} before it).`
        : `recovery: NO 2xx within ${num(ISOLATION_RECOVERY_LIMIT_SECONDS)} s after the heavy queries were stopped (${num(r.attempts)} requests: ${statusList(r.statusesBefore)}).`,
      ...(rss
        ? [`server RSS (workers are threads of the one process), sampled every ${num(rss.sampleMs)} ms: ${num(rss.beforeMb)} MB before, peak ${num(rss.peakMb)} MB (${num(rss.peakAtSeconds, 1)} s after the heavy queries were sent), ${num(rss.afterMb)} MB at the end; each second from the heavy requests on (s: MB): ${rss.series.map(([t, mb]) => `${num(t, 0)}: ${num(mb)}`).join(', ')}.`]
        : []),
      ...[...iso.alone.shedBodies, ...iso.during.shedBodies, ...(r.after?.shedBodies ?? [])].filter((b, i, all) => all.indexOf(b) === i).map((b) => `shed answer: ${b}`),
      ...[...iso.alone.failures, ...iso.during.failures, ...(r.after?.failures ?? [])].map((f) => `failure: ${f}`),
      ...(iso.alone.empty + iso.during.empty + (r.after?.empty ?? 0) > 0 ? ['some 2xx light answers had no rows'] : []),
    ],
  };
}

/** What the check after the last load found. */
function aliveText(e: EndpointResult): string {
  const c = e.aliveCheck;
  if (!c) return e.aliveAfter ? 'the server answered after the last load' : 'the server did NOT answer after the last load';
  const refused = c.attempts - 1;
  const before = refused > 0 ? ` (refused ${refused} time${refused === 1 ? '' : 's'} first, Retry-After honoured: ${c.refusals.join('; ')})` : '';
  return e.aliveAfter ? `the server answered ASK {} ${num(c.seconds, 1)} s after the last load${before}` : `the server did NOT answer ASK {} within ${num(c.seconds, 0)} s after the last load (${c.attempts} attempts: ${c.refusals.join('; ')})`;
}

function adversarialTable(results: AdversarialResult[]): Table {
  return {
    title: 'Adversarial 1 MB bodies through extractAnnouncement',
    headers: ['shape', 'chars', 'ms', 'target', ''],
    rows: results.map((a) => [a.name, num(a.chars), a.timedOut ? `> ${num(a.ms)} (stopped)` : a.error ? `error: ${a.error}` : ms(a.ms), `< ${num(TARGET_MS)} ms`, verdict(a.withinTarget)]),
  };
}

function incrementalTable(x: IncrementalMeasurement): Table {
  return {
    title: `Incremental build: ${num(x.changedFiles)} of ${num(x.files)} files changed, built again into the same output folder`,
    headers: ['measure', 'value', 'against the full build', 'target', ''],
    rows: [
      ['wall time (spawn → exit)', `${num(x.wallSeconds, 1)} s`, `${num(x.ratioToFull * 100, 0)}% of ${num(x.fullWallSeconds, 1)} s`, `≤ ${TARGETS.incrementalShare * 100}%`, verdict(x.ratioToFull <= TARGETS.incrementalShare)],
      ...x.stages.map((st) => [`  stage "${st.label}" (from progress lines)`, `${num(st.seconds, 1)} s`, '', '', '']),
      ['announcements extracted again / reused from the cache', `${num(x.extracted)} / ${num(x.reused)}`, '', '', ''],
      ...(x.pages
        ? [
            ['entity pages rendered / linked unchanged', `${num(x.pages['entity pages rendered'] ?? 0)} / ${num(x.pages['entity pages linked unchanged'] ?? 0)}`, '', '', ''],
            ['embeds written / linked unchanged', `${num(x.pages['embeds written'] ?? 0)} / ${num(x.pages['embeds linked unchanged'] ?? 0)}`, '', '', ''],
          ]
        : []),
      ['peak RSS', `${num(x.peakRssMb, 0)} MB`, '', '', ''],
    ],
    notes: [
      'a sentence is appended to the body of every changed file (plain-text files spread over the corpus); extraction is cached, and the entity pages and embeds whose inputs did not change are linked from the previous release without rendering; reading, modelling, validation, the dumps, the CSV tables and the site graph are done again over the whole corpus.',
    ],
  };
}

function corpusTable(c: CorpusInfo): Table {
  return {
    title: 'Corpus',
    headers: ['announcements', 'text files', 'HTML files', 'JSON Lines files', 'MB', 'generated in'],
    rows: [[num(c.announcements), num(c.files.text), num(c.files.html), num(c.files.jsonl), num(c.bytes / 1_048_576, 1), `${num(c.seconds, 1)} s${c.reused ? ' (earlier run, reused)' : ''}`]],
  };
}

/** The tables of one run, in reading order. */
function tablesOf(r: RunResult, machine: MachineInfo): Table[] {
  const tables: Table[] = [];
  if (r.corpus) tables.push(corpusTable(r.corpus));
  if (r.build) tables.push(buildTable(r, r.build));
  if (r.build?.reported) tables.push(reportedTable(`Where the build's time went (report.json), ${r.size}`, r.build.reported));
  if (r.extract) tables.push(extractTable(r.extract));
  if (r.floors) tables.push(floorsTable(r.floors, r.build));
  if (r.sparql) tables.push(sparqlTable(r.sparql));
  if (r.virtuoso) tables.push(virtuosoTable(r.virtuoso));
  if (r.endpoint) tables.push(endpointTable(r.endpoint, machine.packages.autocannon));
  if (r.endpoint?.isolation) tables.push(isolationTable(r.endpoint.isolation, r.endpoint.server.timeoutMs));
  if (r.adversarial) tables.push(adversarialTable(r.adversarial));
  if (r.incremental) tables.push(incrementalTable(r.incremental));
  if (r.incremental?.reported) tables.push(reportedTable(`Where the incremental build's time went (report.json), ${r.size}`, r.incremental.reported));
  return tables;
}

function machineLine(m: MachineInfo): string {
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}, Linux ${m.kernel}; n3 ${m.packages.n3}, oxigraph ${m.packages.oxigraph}, Comunica ${m.packages['@comunica/query-sparql']}`;
}

function measuredLine(r: RunResult): string {
  const parts = Object.entries(r.measured).map(([stage, m]) => `${stage} ${m.at.slice(0, 16).replace('T', ' ')} (${m.commit}, ${num(m.seconds, 0)} s, load ${num(m.load, 1)})`);
  return `measured: ${parts.join('; ')}`;
}

/** The run as text for the terminal. */
export function renderText(r: RunResult, machine: MachineInfo): string {
  return [`loa bench, ${r.size} — ${machineLine(machine)}`, measuredLine(r), '', ...tablesOf(r, machine).map((t) => `${textTable(t)}\n`)].join('\n');
}

/** `bench/RESULTS.md`: every size measured so far, with the machine. */
export function renderMarkdown(results: Results): string {
  const order = ['1k', '10k', '100k'];
  const sizes = Object.keys(results.runs).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return [
    '# loa benchmark results',
    '',
    'Written by `npm run bench -- --size 1k|10k|100k [--only generate,build,extract,floors,sparql,virtuoso,endpoint,adversarial,incremental] [--keep] [--endpoint-seconds N]`',
    '(see `bench/run.ts`); every figure is also in `bench/results.json`. Each size keeps the figures of its last run of each stage.',
    'Figures are from one run on a shared machine (the load average after each stage is given): compare ratios measured in the',
    'same run rather than absolute times.',
    '',
    '- **generate**: a seeded synthetic corpus from templates and `data/reference/` (85% text, 10% HTML, 5% JSON Lines of 10 records), kept in `bench/out/`.',
    '- **build**: `loa build` in a child process; wall time, peak RSS (`/usr/bin/time`), stage times read off the timestamps of its progress lines.',
    '- **extract**: `readInputFile` and `extractAnnouncement` in-process on one core.',
    '- **floors**: loa.nq.gz parsed once with N3; the quads written by N3 `StreamWriter` (to /dev/null, with and without gzip) and by loa\'s `DumpWriter`; loa.nt read and split into lines; the release\'s site/ files written again without rendering.',
    '- **sparql**: the query mix through loa (`loadRelease` + `executeQuery`) and oxigraph loaded with the same dumps, each in a worker thread of its own and timed there around the query call; rows compared.',
    '- **virtuoso**: Virtuoso started on 127.0.0.1 with a throwaway database, the N-Quads dump bulk-loaded, the same query mix over HTTP (rows compared with loa\'s engine where it holds the release); run by default at 100k only.',
    "- **endpoint**: loa's server (`startServer`, default options) over the build output, loaded by autocannon at 8 and 32 connections with each request of a mix chosen from the data (SPARQL lookup, officials of an agency, events of a person in a date range, count by type, entity search, an entity as Turtle); 503s from the full queue counted apart as shed. Then isolation: the lookup sent one at a time alone, beside 2 cartesian-product COUNTs that run into the deadline, and after them, with the server's RSS sampled.",
    '- **adversarial**: 1 MB bodies through `extractAnnouncement`, each in a worker with a deadline.',
    '',
    `Machine: ${machineLine(results.machine)}.`,
    '',
    ...sizes.flatMap((size) => {
      const r = results.runs[size]!;
      return [`## ${size} announcements`, '', `Command: \`npm run bench -- --size ${size}\`; ${measuredLine(r)}.`, '', ...tablesOf(r, results.machine).map((t) => `${markdownTable(t)}\n`)];
    }),
  ].join('\n');
}
