/**
 * `OUT/feed.atom`: an Atom feed (RFC 4287) of the releases in an output folder,
 * newest first, so a harvester can poll one file and fetch what is new. Each
 * entry links to the release folder, its catalogue and its change files, and
 * says in a line how much changed. The feed is rebuilt from the release
 * folders themselves after every release, written beside and renamed over the
 * old one.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChangeSummary } from './changes.ts';
import { latestVersion, listReleases, RELEASES } from './release.ts';

export const FEED = 'feed.atom';

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * @param base the dataset's base IRI (entry ids are `{base}release/{version}`)
 * @param title the feed title
 */
export async function writeFeed(out: string, base: string, title: string): Promise<void> {
  const summaries = new Map<string, ChangeSummary | undefined>();
  for (const version of await listReleases(out)) {
    try {
      summaries.set(version, JSON.parse(await readFile(join(out, RELEASES, version, 'changes/summary.json'), 'utf8')) as ChangeSummary);
    } catch {
      summaries.set(version, undefined);
    }
  }
  // Newest first: the chain of previous versions from latest, then any release off that chain.
  const versions: string[] = [];
  for (let v = await latestVersion(out); v !== undefined && summaries.has(v) && !versions.includes(v); v = summaries.get(v)?.previousVersion ?? undefined) versions.push(v);
  versions.push(...[...summaries.keys()].filter((v) => !versions.includes(v)).reverse());
  const entries: string[] = [];
  for (const version of versions) {
    const summary = summaries.get(version);
    const date = version.slice(0, 10);
    const what = summary
      ? summary.previousVersion
        ? `${summary.graphs.added} graphs added, ${summary.graphs.changed} changed, ${summary.graphs.removed} removed; ${summary.quads.added} quads added, ${summary.quads.removed} removed since ${summary.previousVersion}.`
        : `First release: ${summary.graphs.total} graphs, ${summary.quads.added} quads.`
      : 'Release.';
    const folder = `${RELEASES}/${version}/`;
    entries.push(
      [
        '  <entry>',
        `    <id>${xml(`${base}release/${version}`)}</id>`,
        `    <title>${xml(`Release ${version}`)}</title>`,
        `    <updated>${date}T00:00:00Z</updated>`,
        `    <link rel="alternate" href="${xml(folder)}"/>`,
        `    <link rel="describedby" type="text/turtle" href="${xml(`${folder}meta/catalog.ttl`)}"/>`,
        ...(summary?.previousVersion
          ? [
              `    <link rel="related" type="application/n-quads" title="added quads" href="${xml(`${folder}changes/added.nq.gz`)}"/>`,
              `    <link rel="related" type="application/n-quads" title="removed quads" href="${xml(`${folder}changes/removed.nq.gz`)}"/>`,
            ]
          : []),
        `    <summary>${xml(what)}</summary>`,
        '  </entry>',
      ].join('\n'),
    );
  }
  const updated = versions.length > 0 ? `${versions[0]!.slice(0, 10)}T00:00:00Z` : '1970-01-01T00:00:00Z';
  const text = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xml(`${base}releases`)}</id>`,
    `  <title>${xml(title)}</title>`,
    `  <updated>${updated}</updated>`,
    '  <author><name>loa</name></author>',
    `  <link rel="self" href="${FEED}"/>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
  const fresh = join(out, `.${FEED}-${process.pid}`);
  await writeFile(fresh, text);
  await rename(fresh, join(out, FEED));
}
