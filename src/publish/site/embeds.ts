/**
 * `embeds/`: one schema.org JSON-LD file per announcement,
 * `embeds/{id-segment}.jsonld`, ready to paste into a
 * `<script type="application/ld+json">` element of the page that published the
 * announcement (`<`, `>` and `&` are already escaped as `\u003c` …), and
 * `embeds/SHA256SUMS` (sha256sum -c format) listing every one of them.
 *
 * The release catalogue gets one record, for SHA256SUMS, rather than one per
 * embed: a release of 100k announcements would otherwise list 100k files.
 */
import { join } from 'node:path';
import { idSegment } from '../../core/iri.ts';
import { SCHEMA } from '../../core/vocab.ts';
import type { ReleaseContext, ReleaseFile } from '../release-context.ts';
import { FileBatch, previousFiles } from './files.ts';
import { entitiesOfKind, firstLiteral, siteGraphOf, type SiteGraph } from './graph.ts';
import { announcementLd, scriptSafeJson } from './schemaorg.ts';
import { byCodeUnits } from '../../core/text.ts';
import type { RenderContext } from './render-context.ts';
import { PageTrace, PageTraces } from './traces.ts';

export const EMBEDS_DIR = 'embeds';

/** The text of one announcement's embed. */
export function embedText(graph: SiteGraph, announcement: string): string {
  return `${scriptSafeJson(announcementLd(graph, announcement))}\n`;
}

/**
 * Writes `embeds/` under the release folder.
 *
 * @example
 *   const files = await writeEmbeds(ctx);
 *   // files: [{ path: 'embeds/SHA256SUMS', mediaType: 'text/plain', … }]
 *   // beside it: embeds/000_3c8414fbfcf5914d.jsonld, …
 */
export async function writeEmbeds(ctx: ReleaseContext): Promise<ReleaseFile[]> {
  const graph = await siteGraphOf(ctx);
  const previous = await previousFiles(ctx);
  const batch = await FileBatch.fresh(join(ctx.dir, EMBEDS_DIR), ctx.checksums && { into: ctx.checksums, prefix: `${EMBEDS_DIR}/`, ...(previous ? { previous } : {}) });
  const sums: string[] = [];
  const traces = ctx.pageTraces && (await PageTraces.open(ctx.pageTraces, EMBEDS_DIR, ctx.version, previous && ctx.previousVersion, graph.base));
  // Embeds read the graph alone; the context's other maps stay empty.
  const rc: RenderContext = { graph, spansByTarget: new Map(), spansByAnnouncement: new Map(), snippets: new Map(), site: { title: '', version: '', issued: '' } };
  try {
    for (const a of entitiesOfKind(graph, 'announcement')) {
      const id = firstLiteral(a.props, SCHEMA.identifier.value);
      if (id === undefined) continue;
      const path = `${idSegment(id)}.jsonld`;
      if (traces === undefined) {
        sums.push(`${(await batch.write(path, embedText(graph, a.iri), true)).sha256}  ${path}\n`);
        continue;
      }
      const order = `e${a.iri}`;
      const prior = await traces.previous(order);
      const reused = prior !== undefined && batch.canReuse([path]) && traces.unchanged(prior, rc, '') ? batch.reuseAll([path]) : undefined;
      if (prior !== undefined && reused !== undefined) {
        sums.push(`${reused[0]}  ${path}\n`);
        await traces.keep(prior);
        continue;
      }
      const trace = new PageTrace(rc);
      sums.push(`${(await batch.write(path, embedText(trace.rc.graph, a.iri), true)).sha256}  ${path}\n`);
      await traces.record(order, trace, rc, '');
    }
    await traces?.close();
  } catch (e) {
    await traces?.abandon();
    throw e;
  }
  ctx.counts?.set('embeds written', sums.length - (traces?.reused ?? 0));
  ctx.counts?.set('embeds linked unchanged', traces?.reused ?? 0);
  // Lines of sha256sum: 64 hex digits, two spaces, the file name; listed by file name.
  sums.sort((x, y) => byCodeUnits(x.slice(66), y.slice(66)));
  const list = await batch.write('SHA256SUMS', sums.join(''), true);
  await batch.flush();
  return [
    {
      path: `${EMBEDS_DIR}/${list.path}`,
      bytes: list.bytes,
      sha256: list.sha256,
      mediaType: 'text/plain',
      title: `schema.org JSON-LD embeds, one per announcement (${sums.length} files, listed with their SHA-256)`,
    },
  ];
}
