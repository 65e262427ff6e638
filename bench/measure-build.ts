/**
 * The end-to-end build, measured from outside: `loa build` runs in a child
 * process (as `npm start` would run it) so its wall time and peak RSS are its
 * own. The pipeline does not report per-stage times yet, so stage times are
 * read off the timestamps of its progress lines on standard error.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rate, REPO_ROOT, secondsSince } from './stats.ts';

/** A stage as seen in the progress lines: it ended when its `label: N/N` line was printed. */
export interface ObservedStage {
  label: string;
  /** Seconds from the start of the build (after process start-up) to the stage's last line. */
  endsAt: number;
  seconds: number;
  /**
   * For a stage whose final line is printed after later work (the "extract" line
   * comes after the N-Triples and Turtle dumps are closed): its loop's end,
   * extrapolated from the rate of its periodic lines, and the work after the loop.
   */
  loopSeconds?: number;
  afterLoopSeconds?: number;
}

/** What one measured build gave. */
export interface BuildMeasurement {
  command: string;
  exitCode: number;
  /** Spawn to exit, as seen by the harness. */
  wallSeconds: number;
  /** `node --import tsx pipeline/main.ts --help`: process start, TypeScript loading and imports. */
  startupSeconds: number;
  /** The build's own `summary.seconds` (from the start of `runBuild` to the report). */
  buildSeconds: number;
  peakRssMb: number;
  rssSource: string;
  summary: { files: number; announcements: number; published: number; rejected: number; warnings: number; graphs: number; quads: number; triples: number };
  /** Whether the dumps were released (the SHACL gate refuses a release with any shape violation: exit 4). */
  released: boolean;
  violations: number;
  /** The first violations, to say why a build was not released. */
  violationSamples: string[];
  announcementsPerSecond: number;
  triplesPerSecond: number;
  quadsPerSecond: number;
  dumps: { file: string; bytes: number }[];
  stages: ObservedStage[];
  /** The build's own timings from report.json: seconds per stage on its main thread, and per part of the dumps and release stages. */
  reported?: ReportedTimes;
}

/** What report.json says of where the time went. */
export interface ReportedTimes {
  stages: Record<string, number>;
  parts: Record<string, Record<string, number> | undefined>;
}

const TIME_BIN = '/usr/bin/time';
const PROGRESS_LINE = /^([\p{L}][\p{L}\d .-]{0,40}): (\d+)\/(\d+)$/u;

interface ProgressEvent {
  at: number;
  label: string;
  done: number;
  total: number;
}

/** Runs `node --import tsx pipeline/main.ts ARGS`, timestamping each line of standard error. */
async function runLoa(args: string[], rssFile: string | undefined): Promise<{ code: number; seconds: number; events: ProgressEvent[]; stderr: string; hwmKb: number }> {
  const node = [process.execPath, '--import', 'tsx', join(REPO_ROOT, 'pipeline/main.ts'), ...args];
  const [cmd, ...argv] = rssFile ? [TIME_BIN, '-f', '%M', '-o', rssFile, ...node] : node;
  const started = performance.now();
  const child = spawn(cmd!, argv, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const events: ProgressEvent[] = [];
  let stderr = '';
  let partial = '';
  child.stdout.resume();
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    const at = secondsSince(started);
    stderr += chunk;
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      const m = PROGRESS_LINE.exec(line.trim());
      if (m) events.push({ at, label: m[1]!, done: Number(m[2]), total: Number(m[3]) });
    }
  });
  // Without /usr/bin/time, VmHWM (the peak RSS so far) is sampled until the child exits.
  let hwmKb = 0;
  const sampler = rssFile
    ? undefined
    : setInterval(() => {
        const status = readProcStatus(child.pid);
        const m = status && /VmHWM:\s+(\d+) kB/.exec(status);
        if (m) hwmKb = Math.max(hwmKb, Number(m[1]));
      }, 50);
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  if (sampler) clearInterval(sampler);
  return { code, seconds: secondsSince(started), events, stderr, hwmKb };
}

function readProcStatus(pid: number | undefined): string | undefined {
  try {
    return pid ? readFileSync(`/proc/${pid}/status`, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** Stages from progress lines: each ends at its `N/N` line; the first starts when the build starts. */
function observeStages(events: ProgressEvent[], buildStart: number): ObservedStage[] {
  const stages: ObservedStage[] = [];
  let previousEnd = buildStart;
  for (const label of [...new Set(events.map((e) => e.label))]) {
    const mine = events.filter((e) => e.label === label);
    const last = mine[mine.length - 1]!;
    if (last.done !== last.total) continue;
    const stage: ObservedStage = { label, endsAt: last.at - buildStart, seconds: last.at - previousEnd };
    const periodic = mine.filter((e) => e.done < e.total);
    if (periodic.length >= 2) {
      const first = periodic[0]!;
      const tail = periodic[periodic.length - 1]!;
      const perItem = (tail.at - first.at) / (tail.done - first.done);
      const loopEnd = tail.at + (last.total - tail.done) * perItem;
      stage.loopSeconds = loopEnd - previousEnd;
      stage.afterLoopSeconds = Math.max(0, last.at - loopEnd);
    }
    stages.push(stage);
    previousEnd = last.at;
  }
  return stages;
}

/** Start-up cost of the CLI alone: the fastest of three `--help` runs. */
async function measureStartup(): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) best = Math.min(best, (await runLoa(['--help'], undefined)).seconds);
  return best;
}

/**
 * Builds `corpus` into `out` with the real CLI in a child process.
 *
 * @example const m = await measureBuild('bench/out/corpus-1k', 'bench/out/build-1k'); m.announcementsPerSecond
 */
export async function measureBuild(corpus: string, out: string): Promise<BuildMeasurement> {
  rmSync(out, { recursive: true, force: true });
  const startupSeconds = await measureStartup();
  const rssFile = existsSync(TIME_BIN) ? join(out, '..', `.rss-${process.pid}.txt`) : undefined;
  const args = ['build', '--input', corpus, '--out', out];
  const run = await runLoa(args, rssFile);
  // 0 published, 3 some input rejected, 4 not released (shape violations): all ran the whole pipeline.
  if (run.code !== 0 && run.code !== 3 && run.code !== 4) throw new Error(`loa build exited with ${run.code}:\n${run.stderr.slice(-2000)}`);
  const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as {
    summary: BuildMeasurement['summary'] & { seconds: number };
    stages?: Record<string, number>;
    stageParts?: ReportedTimes['parts'];
    release: { files: { path: string; bytes: number }[] } | null;
    validation?: { released: boolean; violations: { focusNode?: string; value?: string; message?: string; file?: string }[] };
  };
  const violations = report.validation?.violations ?? [];
  let peakKb = run.hwmKb;
  if (rssFile) {
    peakKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
    rmSync(rssFile, { force: true });
  }
  const s = report.summary;
  const buildSeconds = s.seconds;
  // The build's clock starts in runBuild and stops just before the report is written and the process exits.
  const buildStart = run.seconds - buildSeconds;
  const measurement: BuildMeasurement = {
    command: `node --import tsx pipeline/main.ts ${args.join(' ')}`,
    exitCode: run.code,
    wallSeconds: run.seconds,
    startupSeconds,
    buildSeconds,
    peakRssMb: peakKb / 1024,
    rssSource: rssFile ? '/usr/bin/time %M' : '/proc/<pid>/status VmHWM, sampled every 50 ms',
    summary: { files: s.files, announcements: s.announcements, published: s.published, rejected: s.rejected, warnings: s.warnings, graphs: s.graphs, quads: s.quads, triples: s.triples },
    released: report.validation?.released ?? run.code !== 4,
    violations: violations.length,
    violationSamples: violations.slice(0, 5).map((v) => `${v.file ?? ''}: ${v.focusNode ?? ''} ${v.value ?? ''} — ${v.message ?? ''}`),
    announcementsPerSecond: rate(s.published, run.seconds),
    triplesPerSecond: rate(s.triples, run.seconds),
    quadsPerSecond: rate(s.quads, run.seconds),
    dumps: (report.release?.files ?? []).filter((f) => f.path.startsWith('dumps/')).map((f) => ({ file: f.path, bytes: f.bytes })),
    stages: observeStages(run.events, buildStart),
  };
  if (report.stages) measurement.reported = { stages: report.stages, parts: report.stageParts ?? {} };
  return measurement;
}

/** Share of the input files changed for the incremental measurement. */
export const INCREMENTAL_SHARE = 0.01;

/** What a build after changing 1% of the input gave, against the full build before it. */
export interface IncrementalMeasurement {
  changedFiles: number;
  files: number;
  wallSeconds: number;
  peakRssMb: number;
  /** Announcements extracted again, and those whose cached extraction was reused. */
  extracted: number;
  reused: number;
  /** Entity pages and embeds rendered, and linked unchanged from the previous release (report.json release.pages). */
  pages?: Record<string, number>;
  /** The full build it follows (the build stage, same output folder). */
  fullWallSeconds: number;
  ratioToFull: number;
  stages: ObservedStage[];
  reported?: ReportedTimes;
}

/**
 * Copies the corpus, appends a sentence to the body of 1% of its plain-text
 * files (spread evenly over the sorted list), and builds it into `out`, where
 * the build stage left its release and extraction cache: the second build of
 * an incremental run, timed like the first.
 */
export async function measureIncremental(corpus: string, out: string, scratch: string, full: BuildMeasurement): Promise<IncrementalMeasurement> {
  const changed = join(scratch, 'corpus-changed');
  rmSync(changed, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  cpSync(corpus, changed, { recursive: true });
  const texts = (readdirSync(changed, { recursive: true }) as string[]).filter((f) => f.endsWith('.txt')).sort();
  const count = Math.max(1, Math.round(full.summary.files * INCREMENTAL_SHARE));
  const step = texts.length / count;
  for (let i = 0; i < count; i++) {
    const file = join(changed, texts[Math.floor(i * step)]!);
    appendFileSync(file, `\nBản tin được cập nhật lần thứ ${i + 1} sau khi đăng.\n`);
  }
  const rssFile = existsSync(TIME_BIN) ? join(out, '..', `.rss-${process.pid}.txt`) : undefined;
  const run = await runLoa(['build', '--input', changed, '--out', out], rssFile);
  if (run.code !== 0 && run.code !== 3) throw new Error(`the incremental build exited with ${run.code}:\n${run.stderr.slice(-2000)}`);
  const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as {
    summary: { seconds: number; extracted: number; extractionsReused: number };
    release?: { pages?: Record<string, number> } | null;
    stages?: Record<string, number>;
    stageParts?: ReportedTimes['parts'];
  };
  let peakKb = run.hwmKb;
  if (rssFile) {
    peakKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
    rmSync(rssFile, { force: true });
  }
  rmSync(changed, { recursive: true, force: true });
  return {
    changedFiles: count,
    files: full.summary.files,
    wallSeconds: run.seconds,
    peakRssMb: peakKb / 1024,
    extracted: report.summary.extracted,
    reused: report.summary.extractionsReused,
    ...(report.release?.pages ? { pages: report.release.pages } : {}),
    fullWallSeconds: full.wallSeconds,
    ratioToFull: run.seconds / full.wallSeconds,
    stages: observeStages(run.events, run.seconds - report.summary.seconds),
    ...(report.stages ? { reported: { stages: report.stages, parts: report.stageParts ?? {} } } : {}),
  };
}
