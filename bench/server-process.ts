/**
 * loa's endpoint in a child Node process, for the benchmark and the stress
 * tests: a load generator parses every response on its own event loop, so it
 * must not share the server's HTTP thread. Both still share the machine's
 * cores.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ServerOptions } from '../src/sparql/server/index.ts';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Set when the process ended on its own. */
  exit: () => string | undefined;
  stop: () => Promise<void>;
}

/** Server options a child process can be given (plain data: no log function). */
export type ChildServerOptions = Omit<ServerOptions, 'out' | 'port' | 'log'>;

/**
 * Starts `startServer({ out, port: 0, log: () => {}, ...options })` in a child
 * Node process (tsx registered, as `startTsWorker` does for threads) and
 * resolves with its URL once every worker has loaded the release.
 */
export async function startServerProcess(out: string, options: ChildServerOptions = {}): Promise<ServerProcess> {
  const bootstrap = `
const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
register();
const { startServer } = await import(${JSON.stringify(new URL('../src/sparql/server/index.ts', import.meta.url).href)});
const server = await startServer({ ...${JSON.stringify(options)}, out: ${JSON.stringify(out)}, port: 0, log: () => {} });
process.send({ url: server.url });
process.once('message', async () => {
  await server.close();
  process.exit(0);
});
// The harness went away without stopping the server.
process.once('disconnect', () => process.exit(1));
`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', bootstrap], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-4000)));
  let ended: string | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      ended = `exit ${code ?? signal}${stderr.trim() ? `: ${stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`;
      resolve();
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve(m.url));
    void exited.then(() => reject(new Error(`the server did not start (${ended})`)));
  });
  let stopping = false;
  return {
    url,
    child,
    exit: () => (stopping ? undefined : ended),
    stop: async () => {
      stopping = true;
      if (child.exitCode === null && child.connected) child.send('close');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** RSS (`VmRSS`) or peak RSS (`VmHWM`) of a process, in MB; undefined where /proc is not there. */
export function processMemoryMb(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
