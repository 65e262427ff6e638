/**
 * A real Virtuoso for end-to-end tests: a throwaway database in a temporary
 * folder, listening on 127.0.0.1 only, on free ports, with the default `dba`
 * account (password `dba`). `startVirtuoso` resolves once `/sparql` answers a
 * query; `stop` ends the server and removes the folder.
 *
 * Virtuoso comes from Debian's `virtuoso-opensource` package (7.2), which starts
 * no service by itself; this helper writes its own `virtuoso.ini`. The server's
 * output goes to a log file in the folder, never to the test's console.
 * The benchmark's Virtuoso stage (`bench/virtuoso.ts`) starts its server with
 * this helper too, with more memory and the release's dumps folder allowed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface Virtuoso {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** The SPARQL query endpoint (anonymous, read-only). */
  sparql: string;
  /** The Graph Store Protocol endpoint with Digest authentication (dba/dba). */
  graphStore: string;
  /** The SQL port (for `isql-vt`). */
  sqlPort: number;
  /** The database folder. */
  dir: string;
  /** The server's process id. */
  pid: number;
  stop(): Promise<void>;
}

export interface VirtuosoOptions {
  /** Rows a SELECT returns at most; more are cut silently (header `X-SPARQL-MaxRows`). Default 100,000. */
  maxRows?: number;
  /** How long to wait for `/sparql` to answer (default 30 s). */
  startTimeoutMs?: number;
  /** Folders the server may read files from besides its own (the bulk loader's `ld_dir`). */
  dirsAllowed?: readonly string[];
  /** 8 KB pages of cache (`NumberOfBuffers`; default 10,000, about 80 MB); 60% of them may be dirty. */
  buffers?: number;
  /** Where the database folder is made (default: the system's temporary folder). */
  parent?: string;
  /** A query whose estimated cost exceeds this many seconds is refused before it runs (default 400). */
  maxCostEstimationSeconds?: number;
}

const BINARY = 'virtuoso-t';

/** Starts a Virtuoso on free ports; tries new ports when another process took them first. */
export async function startVirtuoso(options: VirtuosoOptions = {}): Promise<Virtuoso> {
  const binary = findOnPath(BINARY);
  if (!binary) {
    throw new Error(
      `${BINARY} is not installed: install virtuoso-opensource (Debian: DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends virtuoso-opensource)`,
    );
  }
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(binary, options);
    } catch (e) {
      lastError = e as Error;
      if (!(e instanceof PortTaken)) throw e;
    }
  }
  throw lastError!;
}

class PortTaken extends Error {}

async function startOnce(binary: string, options: VirtuosoOptions): Promise<Virtuoso> {
  const dir = mkdtempSync(join(options.parent ?? tmpdir(), 'loa-virtuoso-'));
  const [sqlPort, httpPort] = [await freePort(), await freePort()];
  writeFileSync(join(dir, 'virtuoso.ini'), iniFile(dir, sqlPort, httpPort, options));
  // In the foreground Virtuoso writes its log to standard output too: keep it in the folder, off the console.
  const output = openSync(join(dir, 'output.log'), 'w');
  const child = spawn(binary, ['+foreground', '+configfile', join(dir, 'virtuoso.ini')], { cwd: dir, stdio: ['ignore', output, output] });
  closeSync(output);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // A test process that exits early must not leave a server or its folder behind.
  const killOnExit = () => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);

  const origin = `http://127.0.0.1:${httpPort}`;
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await stopChild(child, exited);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Both: its log says it listens on the port (so the answer is not another server's there), and /sparql answers.
    await waitForSparql(`${origin}/sparql`, () => readLog(dir).includes(`HTTP server online at 127.0.0.1:${httpPort}`), exited, options.startTimeoutMs ?? 30_000);
  } catch (e) {
    const log = readLog(dir);
    await stop();
    if (/Address already in use|bind/i.test(log)) throw new PortTaken(`port taken: ${sqlPort} or ${httpPort}`);
    throw new Error(`${(e as Error).message}; the end of its log:\n${log.split('\n').slice(-15).join('\n')}`);
  }
  return { origin, sparql: `${origin}/sparql`, graphStore: `${origin}/sparql-graph-crud-auth`, sqlPort, dir, pid: child.pid!, stop };
}

/** A minimal configuration: the database, its log and temp files in `dir`, both servers on 127.0.0.1. */
function iniFile(dir: string, sqlPort: number, httpPort: number, options: VirtuosoOptions): string {
  const buffers = options.buffers ?? 10_000;
  return `[Database]
DatabaseFile = ${join(dir, 'virtuoso.db')}
ErrorLogFile = ${join(dir, 'virtuoso.log')}
LockFile = ${join(dir, 'virtuoso.lck')}
TransactionFile = ${join(dir, 'virtuoso.trx')}
xa_persistent_file = ${join(dir, 'virtuoso.pxa')}

[TempDatabase]
DatabaseFile = ${join(dir, 'virtuoso-temp.db')}
TransactionFile = ${join(dir, 'virtuoso-temp.trx')}

[Parameters]
ServerPort = 127.0.0.1:${sqlPort}
DisableUnixSocket = 1
DirsAllowed = ${['.', dir, ...(options.dirsAllowed ?? [])].join(', ')}
NumberOfBuffers = ${buffers}
MaxDirtyBuffers = ${Math.floor(buffers * 0.6)}
CheckpointInterval = 0

[HTTPServer]
ServerPort = 127.0.0.1:${httpPort}
ServerRoot = ${dir}
ServerThreads = 10
MaxClientConnections = 10

[SPARQL]
ResultSetMaxRows = ${options.maxRows ?? 100_000}
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = ${options.maxCostEstimationSeconds ?? 400}
`;
}

/** Polls `/sparql` with an ASK until the server says it is online and answers 200; fails early when the server exits. */
async function waitForSparql(sparql: string, online: () => boolean, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`${BINARY} exited with code ${gone} before /sparql answered`);
    const ok = online() && (await fetch(`${sparql}?query=${encodeURIComponent('ASK {}')}`, { signal: AbortSignal.timeout(2_000) }).then(
      async (r) => (await r.text(), r.ok),
      () => false,
    ));
    if (ok) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${BINARY} did not answer ${sparql} within ${timeoutMs} ms`);
}

/** Ends the server: SIGTERM, then SIGKILL after 5 s (the database is thrown away either way). */
async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'output.log'), 'utf8');
  } catch {
    return '(no log)';
  }
}

/** A TCP port nothing listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function findOnPath(name: string): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (!folder) continue;
    const candidate = join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A binding in the SPARQL JSON results format. */
export interface JsonTerm {
  type: string;
  value: string;
  datatype?: string;
  'xml:lang'?: string;
}

/**
 * Runs a SELECT on a SPARQL endpoint over HTTP and returns its variables and
 * rows. Fails when Virtuoso says the answer is incomplete: cut at its row cap
 * (`X-SPARQL-MaxRows`) or at its time limit (`X-SQL-State: S1TAT`).
 */
export async function selectRows(sparql: string, query: string): Promise<{ variables: string[]; rows: Record<string, JsonTerm>[] }> {
  const response = await fetch(sparql, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' },
    body: new URLSearchParams({ query }).toString(),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${sparql} answered HTTP ${response.status}: ${text.slice(0, 500)}`);
  if (response.headers.get('x-sparql-maxrows')) throw new Error(`${sparql} cut the result at ${response.headers.get('x-sparql-maxrows')} rows`);
  if (response.headers.get('x-sql-state') === 'S1TAT') throw new Error(`${sparql} timed out and sent a partial result`);
  const json = JSON.parse(text) as { head: { vars: string[] }; results: { bindings: Record<string, JsonTerm>[] } };
  return { variables: json.head.vars, rows: json.results.bindings };
}
