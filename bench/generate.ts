/**
 * The synthetic corpus of the benchmark: N Vietnamese announcements written
 * from templates and the reference tables, ~85% plain-text files, ~10% saved
 * HTML pages and ~5% JSON Lines files of 10 records, in folders of 1,000.
 * Deterministic: the same size and generator version give the same bytes, so
 * an existing corpus is reused.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCast } from './corpus/cast.ts';
import { composeStory } from './corpus/compose.ts';
import { renderHtml, renderJsonRecord, renderText } from './corpus/formats.ts';
import { Random } from './corpus/random.ts';

/** Bump when the generated text changes, so cached corpora are rebuilt. */
export const GENERATOR_VERSION = 2;

/** Seed of every corpus. */
const SEED = 20_240_326;

/** Corpus sizes the harness knows, by their command-line names. */
export const SIZES = { '1k': 1_000, '10k': 10_000, '100k': 100_000 } as const;
export type SizeName = keyof typeof SIZES;

/** What was generated (or found): written beside the corpus as `corpus-<size>.json`. */
export interface CorpusInfo {
  dir: string;
  version: number;
  announcements: number;
  files: { text: number; html: number; jsonl: number };
  bytes: number;
  /** Seconds it took to generate, in the run that generated it. */
  seconds: number;
  /** True when this run found the corpus already there and did not regenerate it. */
  reused: boolean;
}

/** In each block of 200 announcements: 10 go to one JSON Lines file, 20 to HTML pages, the rest to text files. */
const BLOCK = 200;
const JSONL_PER_BLOCK = 10;
const HTML_PER_BLOCK = 20;

/** A per-announcement seed, so announcement i reads the same in every corpus size. */
function storySeed(index: number): number {
  return (Math.imul(index + 1, 0x9e3779b1) ^ SEED) >>> 0;
}

/**
 * Returns the corpus of `size` announcements under `root`, generating it when it is
 * missing or was made by another generator version.
 *
 * @example const corpus = ensureCorpus(1000, '1k', 'bench/out'); // corpus.dir === 'bench/out/corpus-1k'
 */
export function ensureCorpus(size: number, label: string, root: string): CorpusInfo {
  const dir = join(root, `corpus-${label}`);
  const infoPath = join(root, `corpus-${label}.json`);
  if (existsSync(dir) && existsSync(infoPath)) {
    const info = JSON.parse(readFileSync(infoPath, 'utf8')) as CorpusInfo;
    if (info.version === GENERATOR_VERSION && info.announcements === size) return { ...info, dir, reused: true };
  }
  const started = performance.now();
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const counts = writeCorpus(size, partial);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  const info: CorpusInfo = { dir, version: GENERATOR_VERSION, announcements: size, ...counts, seconds: (performance.now() - started) / 1000, reused: false };
  writeFileSync(infoPath, `${JSON.stringify(info, null, 2)}\n`);
  return info;
}

function writeCorpus(size: number, dir: string): Pick<CorpusInfo, 'files' | 'bytes'> {
  const cast = buildCast(size, new Random(SEED));
  const files = { text: 0, html: 0, jsonl: 0 };
  let bytes = 0;
  let records: string[] = [];
  let madeFolder = -1;
  const write = (index: number, name: string, text: string): void => {
    const bucket = Math.floor(index / 1000);
    const folder = join(dir, String(bucket).padStart(3, '0'));
    if (bucket !== madeFolder) {
      mkdirSync(folder, { recursive: true });
      madeFolder = bucket;
    }
    const data = Buffer.from(text, 'utf8');
    writeFileSync(join(folder, name), data);
    bytes += data.length;
  };
  for (let i = 0; i < size; i++) {
    const random = new Random(storySeed(i));
    const story = composeStory(i, cast, random);
    const slot = i % BLOCK;
    if (slot < JSONL_PER_BLOCK) {
      records.push(renderJsonRecord(story, random));
      if (slot === JSONL_PER_BLOCK - 1 || i === size - 1) {
        write(i, `batch-${String(i - slot).padStart(6, '0')}.jsonl`, `${records.join('\n')}\n`);
        files.jsonl++;
        records = [];
      }
    } else if (slot < JSONL_PER_BLOCK + HTML_PER_BLOCK) {
      write(i, `${story.id}.html`, renderHtml(story, random));
      files.html++;
    } else {
      write(i, `${story.id}.txt`, renderText(story, random));
      files.text++;
    }
  }
  return { files, bytes };
}
