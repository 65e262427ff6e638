/**
 * The run report: every input file accounted for. `report.json` is for tools,
 * `report.txt` for people; both say which file, what was wrong and what to do.
 */
import type { Issue } from '../core/types.ts';
import type { ChangeSummary } from './changes.ts';
import type { ReleaseFile } from './release-context.ts';

export interface RunSummary {
  files: number;
  announcements: number;
  published: number;
  rejected: number;
  duplicates: number;
  ignored: number;
  warnings: number;
  /** Shape violations: with any, nothing is released. */
  violations: number;
  /** Announcements extracted in this run; the others' extractions came from the cache (incremental run). */
  extracted: number;
  extractionsReused: number;
  graphs: number;
  quads: number;
  triples: number;
  seconds: number;
}

export interface Duplicate {
  file: string;
  id: string;
  /** The id of the announcement published in its place. */
  duplicateOf: string;
}

/** A node of the output that breaks a shape of ontology/shapes.ttl. */
export interface ValidationFinding {
  severity: 'Violation' | 'Warning' | 'Info';
  /** The announcement whose graph holds the node, and its input file; absent for the shared graphs. */
  announcement?: string;
  file?: string;
  /** A shared graph (reference data, membership periods) the node came from. */
  graph?: string;
  focusNode: string;
  shape: string;
  path?: string;
  value?: string;
  message: string;
}

export interface RunReport {
  summary: RunSummary;
  rejects: Issue[];
  duplicates: Duplicate[];
  warnings: Issue[];
  ignored: { file: string; reason: string }[];
  /** Seconds per stage (ingest, extract, link, model, validate, dumps) and the peak resident memory in MB. */
  stages: Record<string, number>;
  /**
   * Seconds per part of the dumps and release stages, as this thread spent them; the release's writers
   * run beside one another, so its parts may add up to more than the stage.
   */
  stageParts: { dumps: Record<string, number>; release?: Record<string, number> };
  /** The SHACL gate: with any violation the dumps are not released. */
  validation: { released: boolean; violations: ValidationFinding[]; warnings: ValidationFinding[] };
  /** The release written by this run (null when the gate refused it). */
  release: {
    version: string;
    /** Relative to the output folder: `releases/<version>`. */
    path: string;
    previousVersion: string | null;
    changes: ChangeSummary['graphs'];
    /**
     * Pages and embeds rendered, and those linked unchanged from the previous release because nothing
     * they read had changed (`entity pages rendered`, `entity pages linked unchanged`, `embeds written`,
     * `embeds linked unchanged`).
     */
    pages: Record<string, number>;
    /** True when the output folder already held this release complete: this run wrote none of it and pointed `latest` at it. */
    alreadyReleased: boolean;
    files: ReleaseFile[];
  } | null;
}

/** The one-screen summary printed at the end of a run. */
export function renderSummary(s: RunSummary): string {
  return [
    `files read       ${s.files}`,
    `announcements    ${s.announcements}`,
    `published        ${s.published}`,
    `rejected         ${s.rejected}`,
    `duplicates       ${s.duplicates}`,
    `ignored files    ${s.ignored}`,
    `warnings         ${s.warnings}`,
    `shape violations ${s.violations}`,
    `extracted        ${s.extracted} (${s.extractionsReused} reused from the cache)`,
    `triples          ${s.triples} (${s.quads} quads in ${s.graphs} graphs)`,
    `seconds          ${s.seconds.toFixed(1)}`,
  ].join('\n');
}

/** The readable report: summary, then each reject with its hint. */
export function renderReport(r: RunReport): string {
  const lines = ['loa run report', '', renderSummary(r.summary), ''];
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push(`${title} (${items.length})`, ...items, '');
  };
  section('Rejected', r.rejects.map((i) => `- ${i.file}: [${i.code}] ${i.message}\n  what to do: ${i.hint}`));
  section('Duplicates (published once)', r.duplicates.map((d) => `- ${d.file} (${d.id}): same content as ${d.duplicateOf}`));
  section('Warnings', r.warnings.map((i) => `- ${i.file}: [${i.code}] ${i.message}\n  what to do: ${i.hint}`));
  section('Ignored', r.ignored.map((i) => `- ${i.file}: ${i.reason}`));
  const where = (f: ValidationFinding) => (f.file ? `${f.file} (${f.announcement})` : (f.graph ?? 'shared data'));
  const findingLine = (f: ValidationFinding) => `- ${where(f)}: ${f.focusNode}${f.path ? ` ${f.path}` : ''}${f.value ? ` = ${f.value}` : ''}\n  ${f.message} [${f.shape}]`;
  if (!r.validation.released) lines.push('NOT RELEASED: the output breaks the shapes in ontology/shapes.ttl; the previous release is kept.', '');
  section('Shape violations', r.validation.violations.map(findingLine));
  section('Shape warnings', r.validation.warnings.map(findingLine));
  section('Time per stage (seconds)', Object.entries(r.stages).map(([k, v]) => `- ${k}: ${v}`));
  for (const [stage, parts] of Object.entries(r.stageParts)) if (parts) section(`Parts of the ${stage} stage (seconds)`, Object.entries(parts).map(([k, v]) => `- ${k}: ${v}`));
  if (r.release) {
    const c = r.release.changes;
    lines.push(`Release ${r.release.version} in ${r.release.path} (latest)${r.release.alreadyReleased ? ': already released, nothing written again' : ''}`);
    lines.push(r.release.previousVersion ? `changes since ${r.release.previousVersion}: ${c.added} graphs added, ${c.changed} changed, ${c.removed} removed, ${c.unchanged} unchanged` : 'first release in this output folder');
    const pages = Object.entries(r.release.pages).map(([k, v]) => `${k}: ${v}`);
    lines.push(...(pages.length > 0 ? [pages.join(', ')] : []), '');
    section('Files', r.release.files.map((d) => `- ${d.path}  ${d.bytes} bytes  sha256 ${d.sha256}`));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
