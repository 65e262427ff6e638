/**
 * Release folders: `OUT/releases/<version>/` and the `OUT/latest` link.
 *
 * A release is written in a staging folder beside the releases
 * (`OUT/releases/.staging-<pid>`), checksummed, then renamed into place in one
 * step; `latest` is a relative symbolic link replaced by renaming a new link
 * over it. Both renames are atomic on POSIX file systems, so a process killed
 * at any point leaves either the old release or the new one, never half of one,
 * and `latest` always names a complete release. Staging folders of processes
 * that are gone are removed at the next run.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, mkdir, readdir, readFile, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { byCodeUnits } from '../core/text.ts';
import type { ReleaseFile } from './release-context.ts';

export const RELEASES = 'releases';
export const LATEST = 'latest';
/** The checksum file of a release: every other file in it, with its SHA-256 (the `sha256sum` format). */
export const CHECKSUMS = 'SHA256SUMS';

/**
 * The version of a release: its date and the first 12 hex digits of a hash of
 * its content (and of anything else that shapes its files, such as the licence),
 * e.g. `2024-05-17-3fa9c2d1e0b4`. The same input and options give the same version.
 */
export function releaseVersion(issued: string, ...contentDigests: string[]): string {
  const hash = createHash('sha256');
  for (const d of contentDigests) hash.update(`${d}\n`);
  return `${issued}-${hash.digest('hex').slice(0, 12)}`;
}

const VERSION = /^\d{4}-\d{2}-\d{2}-[0-9a-f]{12}$/;

/** A fresh, empty staging folder for this process, after removing those of processes that are gone. */
export async function openStaging(out: string): Promise<string> {
  const releases = join(out, RELEASES);
  await mkdir(releases, { recursive: true });
  for (const name of await readdir(releases)) {
    const m = /^\.staging-(\d+)$/.exec(name);
    if (m && (Number(m[1]) === process.pid || !processAlive(Number(m[1])))) await rm(join(releases, name), { recursive: true, force: true });
  }
  const staging = join(releases, `.staging-${process.pid}`);
  await mkdir(staging, { recursive: true });
  return staging;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The version `latest` points at, when it points at a complete release. */
export async function latestVersion(out: string): Promise<string | undefined> {
  let target: string;
  try {
    target = await readlink(join(out, LATEST));
  } catch {
    return undefined;
  }
  const version = target.split(/[\\/]/).pop() ?? '';
  if (!VERSION.test(version)) return undefined;
  try {
    await stat(join(out, RELEASES, version, CHECKSUMS));
    return version;
  } catch {
    return undefined;
  }
}

/** Every complete release in the output folder, oldest first (versions sort by date, then hash). */
export async function listReleases(out: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(join(out, RELEASES));
  } catch {
    return [];
  }
  const complete: string[] = [];
  for (const name of names.filter((n) => VERSION.test(n)).sort()) {
    try {
      await stat(join(out, RELEASES, name, CHECKSUMS));
      complete.push(name);
    } catch {
      // a folder without its checksums was never completed: not a release
    }
  }
  return complete;
}

/** Files under `dir` as sorted relative paths with `/`, skipping `skip` (relative names). */
export async function listFiles(dir: string, skip: ReadonlySet<string> = new Set()): Promise<string[]> {
  const out: string[] = [];
  const walk = async (folder: string) => {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const e of entries) {
      const path = join(folder, e.name);
      const rel = relative(dir, path).split(sep).join('/');
      if (skip.has(rel)) continue;
      if (e.isDirectory()) await walk(path);
      else if (e.isFile()) out.push(rel);
    }
  };
  await walk(dir);
  return out.sort(byCodeUnits);
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The catalogue's record of a file already written in the release folder `dir`. */
export async function fileRecord(dir: string, path: string, mediaType: string, title: string, gzipped = false): Promise<ReleaseFile> {
  const full = join(dir, path);
  const out: ReleaseFile = { path, bytes: (await stat(full)).size, sha256: await sha256File(full), mediaType, title };
  if (gzipped) out.compression = 'application/gzip';
  return out;
}

/**
 * Writes SHA256SUMS over every file of the release; its presence marks the release complete.
 * `known` gives the SHA-256 of files hashed as they were written (by path in the release);
 * every other file present is read and hashed.
 */
export async function writeChecksums(dir: string, known: ReadonlyMap<string, string> = new Map()): Promise<void> {
  const lines: string[] = [];
  for (const rel of await listFiles(dir, new Set([CHECKSUMS]))) lines.push(`${known.get(rel) ?? (await sha256File(join(dir, rel)))}  ${rel}\n`);
  await writeFile(join(dir, CHECKSUMS), lines.join(''));
}

/** The SHA-256 of every file of a finished release by its path, as its SHA256SUMS lists them. */
export async function readChecksums(dir: string): Promise<Map<string, string>> {
  const sums = new Map<string, string>();
  for (const line of (await readFile(join(dir, CHECKSUMS), 'utf8')).split('\n')) if (line !== '') sums.set(line.slice(66), line.slice(0, 64));
  return sums;
}

/** Checks every line of a release's SHA256SUMS against its files; returns the paths that fail or are missing. */
export async function verifyChecksums(dir: string): Promise<string[]> {
  const bad: string[] = [];
  const text = await readFile(join(dir, CHECKSUMS), 'utf8');
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const sum = line.slice(0, 64);
    const rel = line.slice(66);
    try {
      if ((await sha256File(join(dir, rel))) !== sum) bad.push(rel);
    } catch {
      bad.push(rel);
    }
  }
  return bad;
}

/**
 * Moves a finished staging folder into `releases/<version>` and points `latest`
 * at it. When that version exists already (the same content was released
 * before), the existing folder is kept and the staging folder dropped.
 */
export async function commitRelease(out: string, staging: string, version: string): Promise<void> {
  const target = join(out, RELEASES, version);
  const exists = await stat(join(target, CHECKSUMS)).then(
    () => true,
    () => false,
  );
  if (exists) await rm(staging, { recursive: true, force: true });
  else {
    // A folder of that name without checksums is a leftover that never completed.
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
  }
  await pointLatest(out, version);
}

/** Replaces `OUT/latest` with a link to `releases/<version>` in one rename. */
async function pointLatest(out: string, version: string): Promise<void> {
  const link = join(out, LATEST);
  const fresh = join(out, `.latest-${process.pid}`);
  await rm(fresh, { force: true });
  await symlink(join(RELEASES, version), fresh);
  // An older layout may have left a real folder named latest: a link cannot be renamed over it.
  const current = await lstat(link).catch(() => undefined);
  if (current?.isDirectory()) await rm(link, { recursive: true, force: true });
  await rename(fresh, link);
}
