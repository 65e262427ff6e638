/**
 * A file batch writing pages: a file the previous release has with the same
 * bytes is hard-linked from it; `reuseAll` takes the previous release's files
 * without their bytes (linked, or copied across file systems) and records
 * their SHA-256, or none of them when one is gone, so they are written instead.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/hash.ts';
import { FileBatch, type PreviousFiles } from '../../src/publish/site/files.ts';

const dirs: string[] = [];
function scratch(under = tmpdir()): string {
  const dir = mkdtempSync(join(under, 'loa-file-batch-'));
  dirs.push(dir);
  return dir;
}

/** A previous release holding `site/a/page.html` and `site/b.nt`, with their checksums. */
function previousRelease(under?: string): PreviousFiles {
  const dir = scratch(under);
  const files: [string, string][] = [
    ['site/a/page.html', '<p>Bộ Tư pháp</p>\n'],
    ['site/b.nt', '<https://example.org/b> <http://schema.org/name> "B" .\n'],
  ];
  const sums = new Map<string, string>();
  for (const [path, text] of files) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
    sums.set(path, sha256Hex(text));
  }
  return { dir, sums };
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('a file batch over a previous release', () => {
  let previous: PreviousFiles;
  beforeAll(() => {
    previous = previousRelease();
  });

  it('links a file written again with the same bytes, and writes one that changed', async () => {
    const into = new Map<string, string>();
    const root = join(scratch(), 'site');
    const batch = await FileBatch.fresh(root, { into, prefix: 'site/', previous });
    await batch.write('a/page.html', '<p>Bộ Tư pháp</p>\n');
    await batch.write('b.nt', 'changed\n');
    await batch.flush();
    expect(statSync(join(root, 'a/page.html')).ino).toBe(statSync(join(previous.dir, 'site/a/page.html')).ino);
    expect(statSync(join(root, 'b.nt')).ino).not.toBe(statSync(join(previous.dir, 'site/b.nt')).ino);
    expect(into.get('site/b.nt')).toBe(sha256Hex('changed\n'));
  });

  it('reuses a file of the previous release without its bytes, recording its SHA-256', async () => {
    const into = new Map<string, string>();
    const root = join(scratch(), 'site');
    const batch = await FileBatch.fresh(root, { into, prefix: 'site/', previous });
    expect(batch.canReuse(['a/page.html', 'b.nt'])).toBe(true);
    expect(batch.canReuse(['a/page.html', 'c.ttl'])).toBe(false);
    expect(batch.reuseAll(['a/page.html'])).toEqual([previous.sums.get('site/a/page.html')]);
    await batch.flush();
    expect(statSync(join(root, 'a/page.html')).ino).toBe(statSync(join(previous.dir, 'site/a/page.html')).ino);
    expect(into.get('site/a/page.html')).toBe(previous.sums.get('site/a/page.html'));
    expect(batch.reuseAll(['b.nt', 'c.ttl'])).toBeUndefined();
    expect(existsSync(join(root, 'b.nt'))).toBe(false);
  });

  it('copies a reused file where a link cannot be made (another file system)', async () => {
    if (!existsSync('/dev/shm')) return;
    const elsewhere = previousRelease('/dev/shm');
    const root = join(scratch(), 'site');
    const batch = await FileBatch.fresh(root, { into: new Map(), prefix: 'site/', previous: elsewhere });
    expect(batch.reuseAll(['b.nt'])).toEqual([elsewhere.sums.get('site/b.nt')]);
    await batch.flush();
    expect(readFileSync(join(root, 'b.nt'), 'utf8')).toBe(readFileSync(join(elsewhere.dir, 'site/b.nt'), 'utf8'));
    expect(statSync(join(root, 'b.nt')).ino).not.toBe(statSync(join(elsewhere.dir, 'site/b.nt')).ino);
  });

  it('takes none of the files when the previous release lost one its checksums list, and the page can be written', async () => {
    const damaged = previousRelease();
    rmSync(join(damaged.dir, 'site/b.nt'));
    const into = new Map<string, string>();
    const root = join(scratch(), 'site');
    const batch = await FileBatch.fresh(root, { into, prefix: 'site/', previous: damaged });
    expect(batch.reuseAll(['a/page.html', 'b.nt'])).toBeUndefined();
    expect(existsSync(join(root, 'a/page.html'))).toBe(false);
    expect(into.size).toBe(0);
    // Written instead: the previous release's file, linked no more, is left as it was.
    await batch.write('a/page.html', '<p>Bộ Tư pháp (mới)</p>\n');
    await batch.flush();
    expect(readFileSync(join(damaged.dir, 'site/a/page.html'), 'utf8')).toBe('<p>Bộ Tư pháp</p>\n');
    expect(into.get('site/a/page.html')).toBe(sha256Hex('<p>Bộ Tư pháp (mới)</p>\n'));
  });
});
