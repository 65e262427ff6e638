/**
 * The entity pages (`site/`) and schema.org embeds (`embeds/`) of the sample
 * corpus: every embed is JSON and JSON-LD that expands to RDF (with the
 * schema.org context served from the shared reference folder, never fetched),
 * uses only schema.org 30.0 types and properties, each on a type in its domain;
 * every entity has a page, every relative link lands on a file (and fragment);
 * the RDF files beside the pages parse with rapper and carry the same triples
 * in all three syntaxes; a crafted name cannot break out of the HTML or the
 * JSON-LD script; and a second write gives the same bytes.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import jsonld from 'jsonld';
import { DataFactory, Parser, Writer } from 'n3';
import { Store } from 'oxigraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../pipeline/build.ts';
import { REPO_ROOT } from '../../pipeline/main.ts';
import { DEFAULT_BASE_IRI, DEFAULT_MAX_FILE_BYTES } from '../../src/core/config.ts';
import { parseCsvRecords } from '../../src/core/csv.ts';
import { IriMinter } from '../../src/core/iri.ts';
import { DCTERMS, ITSRDF, NIF, ORG, RDF, SCHEMA, XSD } from '../../src/core/vocab.ts';
import { defaultPublication, type ReleaseContext, type ReleaseFile } from '../../src/publish/release-context.ts';
import { writeEmbeds, writeSite } from '../../src/publish/site/index.ts';
import { sentenceAround } from '../../src/publish/site/snippets.ts';
import { loadRelease } from '../../src/sparql/load-release.ts';
import { captureIo } from '../support/capture-io.ts';

const run = promisify(execFile);
const BASE = DEFAULT_BASE_IRI;
const SDO_DIR = resolve(REPO_ROOT, '../shared/reference/standards/schemaorg-30.0');
const RAPPER = '/usr/bin/rapper';

let work: string;
let store: Store;
let release: string;
let embedRecords: ReleaseFile[];
let siteRecords: ReleaseFile[];

/** A release context over the dumps in `dumps`, writing into `dir`. */
function contextFor(dumps: string, dir: string): ReleaseContext {
  return {
    dir,
    dumps,
    iris: new IriMinter(BASE),
    version: '2025-01-01-test',
    issued: '2025-01-01',
    coverage: { from: '2014-01-01', to: '2025-01-01' },
    publication: defaultPublication(BASE),
  };
}

/** Every file under a folder, relative to it with `/`, sorted. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Runs `job` over `items`, a few at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, job: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await job(items[next++]!);
    }),
  );
}

/** The JSON-LD text embedded in a page: the one `application/ld+json` script. */
function embeddedJson(html: string): string {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no JSON-LD script in the page');
  return m[1]!;
}

/** Triples as canonical sorted N-Triples lines, whatever syntax and escaping they were written in. */
function canonical(text: string, format: 'N-Triples' | 'N-Quads' | 'Turtle'): string[] {
  const writer = new Writer({ format: 'N-Triples' });
  return [...new Set(new Parser({ format }).parse(text).map((q) => writer.quadToString(q.subject, q.predicate, q.object)))].sort();
}

const schemaContext = existsSync(join(SDO_DIR, 'schemaorgcontext.jsonld'))
  ? (JSON.parse(readFileSync(join(SDO_DIR, 'schemaorgcontext.jsonld'), 'utf8')) as object)
  : undefined;

/** Serves schema.org's context from the shared reference folder; any other URL is refused, so nothing is fetched. */
const documentLoader = async (url: string) => {
  if (!/^https?:\/\/schema\.org\/?$/.test(url) || !schemaContext) throw new Error(`refusing to fetch ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: schemaContext };
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'loa-site-'));
  const out = join(work, 'out');
  const report = await runBuild({ input: join(REPO_ROOT, 'data/announcements'), out, base: BASE, maxFileBytes: DEFAULT_MAX_FILE_BYTES }, captureIo(REPO_ROOT));
  expect(report.rejects).toEqual([]);
  store = (await loadRelease(out)).store;
  release = join(work, 'release');
  const ctx = contextFor(join(out, 'latest', 'dumps'), release);
  embedRecords = await writeEmbeds(ctx);
  siteRecords = await writeSite(ctx);
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const site = () => join(release, 'site');
const htmlFiles = () => filesUnder(site()).filter((f) => f.endsWith('.html'));
const embedFiles = () => filesUnder(join(release, 'embeds')).filter((f) => f.endsWith('.jsonld'));

function select(query: string): Map<string, { value: string }>[] {
  return store.query(query) as Map<string, { value: string }>[];
}

describe('the release records', () => {
  it('lists the home page of the site and the checksum list of the embeds, with their true sizes and hashes', async () => {
    const { createHash } = await import('node:crypto');
    expect(siteRecords.map((r) => [r.path, r.title, r.mediaType])).toEqual([['site/index.html', 'Entity pages', 'text/html']]);
    expect(embedRecords.map((r) => [r.path, r.mediaType])).toEqual([['embeds/SHA256SUMS', 'text/plain']]);
    for (const r of [...siteRecords, ...embedRecords]) {
      const bytes = readFileSync(join(release, r.path));
      expect(r.bytes).toBe(bytes.length);
      expect(r.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    const sums = readFileSync(join(release, 'embeds/SHA256SUMS'), 'utf8').trim().split('\n');
    expect(sums.map((l) => l.slice(66))).toEqual(embedFiles());
    for (const line of sums) {
      expect(createHash('sha256').update(readFileSync(join(release, 'embeds', line.slice(66)))).digest('hex')).toBe(line.slice(0, 64));
    }
  });
});

describe('the schema.org embeds', () => {
  it('are one per announcement, JSON that JSON-LD expands to RDF about the announcement', async () => {
    const announcements = select(`SELECT ?a ?id WHERE { ?a a <${SCHEMA.NewsArticle.value}> ; <${SCHEMA.identifier.value}> ?id }`);
    expect(embedFiles()).toHaveLength(announcements.length);
    expect(schemaContext, `schema.org context missing from ${SDO_DIR}`).toBeDefined();
    for (const row of announcements) {
      const a = row.get('a')!.value;
      const file = join(release, 'embeds', `${a.slice(`${BASE}announcement/`.length)}.jsonld`);
      const text = readFileSync(file, 'utf8');
      expect(text, 'ready to paste into a script element').not.toMatch(/<\/|<!--/);
      const doc = JSON.parse(text) as Record<string, unknown>;
      expect(doc['@context']).toBe('https://schema.org');
      expect(doc['@id']).toBe(a);
      const nquads = await jsonld.toRDF(doc, { format: 'application/n-quads', documentLoader });
      expect(nquads).toContain(`<${a}> <${RDF.type.value}> <${SCHEMA.NewsArticle.value}> .`);
      expect(nquads).toContain(`<${a}> <${SCHEMA.identifier.value}> "${row.get('id')!.value}" .`);
    }
  });

  it('describe the people, agencies, documents and events the announcement names, with their Wikidata ids', () => {
    const all = embedFiles().map((f) => readFileSync(join(release, 'embeds', f), 'utf8')).join('\n');
    for (const type of ['Person', 'GovernmentOrganization', 'Legislation', 'Event', 'EmployeeRole']) expect(all).toContain(`"@type": "${type}"`);
    for (const property of ['jobTitle', 'legislationIdentifier', 'legislationDate', 'legislationType', 'startDate', 'attendee']) expect(all).toContain(`"${property}"`);
    expect(all).toContain('"sameAs": "http://www.wikidata.org/entity/');
  });
});

/** schema.org 30.0: each type with its supertypes, and each property with the types of its domain (labels, not IRIs). */
function readSchemaOrg(): { types: Set<string>; ancestors: (type: string) => Set<string>; domain: Map<string, string[]> } {
  const label = (iri: string) => iri.trim().replace('https://schema.org/', '');
  const list = (field: string | undefined) => (field ?? '').split(',').map(label).filter((s) => s !== '');
  const typeRows = parseCsvRecords(readFileSync(join(SDO_DIR, 'schemaorg-current-https-types.csv'), 'utf8'), 'types');
  const propertyRows = parseCsvRecords(readFileSync(join(SDO_DIR, 'schemaorg-current-https-properties.csv'), 'utf8'), 'properties');
  const supertypes = new Map(typeRows.map((r) => [label(r.id!), list(r.subTypeOf)]));
  const domain = new Map(propertyRows.map((r) => [label(r.id!), list(r.domainIncludes)]));
  const ancestors = (type: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(type)) return seen;
    seen.add(type);
    for (const s of supertypes.get(type) ?? []) ancestors(s, seen);
    return seen;
  };
  return { types: new Set(supertypes.keys()), ancestors, domain };
}

/**
 * Problems of one JSON-LD object against schema.org: unknown types or
 * properties, and properties used on a type outside their domain. A Role may
 * carry the property it stands for (schema.org's Role pattern).
 */
function schemaOrgProblems(node: unknown, sdo: ReturnType<typeof readSchemaOrg>, where: string, parentProperty?: string): string[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => schemaOrgProblems(n, sdo, `${where}[${i}]`, parentProperty));
  if (typeof node !== 'object' || node === null) return [];
  const problems: string[] = [];
  const types = ([] as string[]).concat((node as { '@type'?: string | string[] })['@type'] ?? []);
  const ancestors = new Set<string>();
  for (const t of types) {
    if (!sdo.types.has(t)) problems.push(`${where}: unknown type ${t}`);
    for (const a of sdo.ancestors(t)) ancestors.add(a);
  }
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@')) continue;
    const domain = sdo.domain.get(key);
    if (!domain) problems.push(`${where}: unknown property ${key}`);
    else if (types.length === 0) problems.push(`${where}: ${key} on a node without @type`);
    else if (!domain.some((d) => ancestors.has(d)) && !(ancestors.has('Role') && key === parentProperty)) {
      problems.push(`${where}: ${key} is not a property of ${types.join(', ')} (domain: ${domain.join(', ')})`);
    }
    problems.push(...schemaOrgProblems(value, sdo, `${where}.${key}`, key));
  }
  return problems;
}

describe('schema.org conformance of every embed and every page', () => {
  const present = existsSync(join(SDO_DIR, 'schemaorg-current-https-types.csv'));
  it.runIf(present || process.env.CI)('uses only schema.org 30.0 types and properties, each property on a type in its domain', () => {
    expect(present, `the schema.org 30.0 vocabulary is missing: expected it in ${SDO_DIR}`).toBe(true);
    const sdo = readSchemaOrg();
    const problems: string[] = [];
    for (const f of embedFiles()) problems.push(...schemaOrgProblems(JSON.parse(readFileSync(join(release, 'embeds', f), 'utf8')), sdo, `embeds/${f}`));
    for (const f of htmlFiles()) {
      const html = readFileSync(join(site(), f), 'utf8');
      if (html.includes('application/ld+json')) problems.push(...schemaOrgProblems(JSON.parse(embeddedJson(html)), sdo, `site/${f}`));
    }
    expect([...new Set(problems)]).toEqual([]);
  });
});

describe('the entity pages', () => {
  it('give every official, agency, legal document, event and announcement a page at site/{path}.html', () => {
    const kinds = [SCHEMA.Person, SCHEMA.GovernmentOrganization, SCHEMA.Organization, SCHEMA.Legislation, SCHEMA.Event, SCHEMA.NewsArticle];
    const rows = select(`SELECT DISTINCT ?s WHERE { VALUES ?t { ${kinds.map((k) => `<${k.value}>`).join(' ')} } ?s a ?t }`);
    expect(rows.length).toBeGreaterThan(300);
    const missing = rows.map((r) => r.get('s')!.value).filter((iri) => !existsSync(join(site(), `${iri.slice(BASE.length)}.html`)));
    expect(missing).toEqual([]);
  });

  it('are Vietnamese pages with English labels where the graph has them, and embed JSON-LD that parses', () => {
    for (const f of htmlFiles()) {
      const html = readFileSync(join(site(), f), 'utf8');
      expect(html.startsWith('<!DOCTYPE html>\n<html lang="vi">'), f).toBe(true);
      if (!f.includes('/')) continue;
      expect(() => JSON.parse(embeddedJson(html)), f).not.toThrow();
      expect(html.match(/<script/g), `${f}: only the JSON-LD script`).toHaveLength(1);
    }
    const ministry = readFileSync(join(site(), 'agency/bo-tu-phap.html'), 'utf8');
    expect(ministry).toContain('<h1>Bộ Tư pháp</h1>');
    expect(ministry).toContain('<p class="en" lang="en">Ministry of Justice</p>');
  });

  it('link only relatively, and every link lands on a file of the site (and on the fragment it names)', () => {
    const problems: string[] = [];
    const ids = new Map<string, Set<string>>();
    const idsOf = (file: string) => {
      let set = ids.get(file);
      if (!set) {
        set = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
        ids.set(file, set);
      }
      return set;
    };
    let checked = 0;
    for (const f of htmlFiles()) {
      const html = readFileSync(join(site(), f), 'utf8');
      for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        const href = m[1]!.replace(/&amp;/g, '&');
        if (href.startsWith('data:')) continue;
        if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
          if (!/^https?:\/\//.test(href) || href.startsWith(BASE)) problems.push(`${f}: absolute link ${href}`);
          continue;
        }
        if (href.startsWith('/')) {
          problems.push(`${f}: root-relative link ${href}`);
          continue;
        }
        const [path, fragment] = href.split('#') as [string, string | undefined];
        const target = path === '' ? join(site(), f) : resolve(dirname(join(site(), f)), decodeURIComponent(path));
        checked++;
        if (!target.startsWith(site() + sep)) problems.push(`${f}: ${href} leaves the site`);
        else if (!existsSync(target)) problems.push(`${f}: ${href} is missing`);
        else if (fragment && target.endsWith('.html') && !idsOf(target).has(fragment)) problems.push(`${f}: ${href} has no #${fragment}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });

  it('quote each statement on its announcement page with the exact span marked', () => {
    const spans = select(
      `SELECT DISTINCT ?ctx ?begin ?end ?anchor WHERE { ?span <${ITSRDF.taIdentRef.value}> ?x ; <${NIF.referenceContext.value}> ?ctx ;
         <${NIF.beginIndex.value}> ?begin ; <${NIF.endIndex.value}> ?end ; <${NIF.anchorOf.value}> ?anchor }`,
    );
    expect(spans.length).toBeGreaterThan(500);
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    const missing: string[] = [];
    for (const row of spans) {
      const ctx = row.get('ctx')!.value;
      const field = ctx.endsWith('/headline') ? 'h' : 'b';
      const page = join(site(), `${ctx.slice(BASE.length, ctx.lastIndexOf('/'))}.html`);
      const html = readFileSync(page, 'utf8');
      const item = new RegExp(`<li id="span-${field}-${row.get('begin')!.value}-${row.get('end')!.value}">([\\s\\S]*?)</li>`).exec(html);
      if (!item || !item[1]!.includes(`<mark>${esc(row.get('anchor')!.value)}</mark>`)) missing.push(`${ctx}#${row.get('begin')!.value}`);
    }
    expect(missing).toEqual([]);
  });

  it("show each office held on the official's page and on the agency's page, linked both ways", () => {
    const rows = select(
      `SELECT DISTINCT ?person ?org WHERE { ?m a <${ORG.Membership.value}> ; <${ORG.member.value}> ?person ; <${ORG.organization.value}> ?org .
         ?org a ?t . FILTER(?t IN (<${SCHEMA.GovernmentOrganization.value}>, <${SCHEMA.Organization.value}>)) }`,
    );
    expect(rows.length).toBeGreaterThan(50);
    for (const row of rows) {
      const person = row.get('person')!.value.slice(BASE.length);
      const org = row.get('org')!.value.slice(BASE.length);
      const personPage = readFileSync(join(site(), `${person}.html`), 'utf8');
      const orgPage = readFileSync(join(site(), `${org}.html`), 'utf8');
      const between = (html: string, from: string) => html.slice(html.indexOf(from), html.indexOf('</section>', html.indexOf(from)));
      expect(between(personPage, '<h2>Chức vụ</h2>'), person).toContain(`href="${relative(dirname(person), org)}.html"`);
      expect(between(orgPage, '<h2>Quan chức</h2>'), org).toContain(`href="${relative(dirname(org), person)}.html"`);
    }
  });

  it('write beside each page its description in Turtle, N-Triples and expanded JSON-LD: the same triples, read by rapper', async () => {
    expect(existsSync(RAPPER), 'rapper (Debian raptor2-utils) is needed: .ci/run installs it').toBe(true);
    const stems = htmlFiles()
      .filter((f) => f.includes('/'))
      .map((f) => f.slice(0, -'.html'.length));
    const problems: string[] = [];
    await eachLimited(stems, 2, async (stem) => {
      const file = (ext: string) => join(site(), `${stem}${ext}`);
      const nt = canonical(readFileSync(file('.nt'), 'utf8'), 'N-Triples');
      const subject = `<${BASE}${stem}>`;
      if (!nt.some((l) => l.startsWith(`${subject} <${RDF.type.value}>`))) problems.push(`${stem}.nt: no type of the entity`);
      const rapperNt = await run(RAPPER, ['-q', '-i', 'ntriples', '-c', `file://${file('.nt')}`]).catch((e: Error) => ({ stderr: e.message }));
      if (rapperNt.stderr !== '') problems.push(`${stem}.nt: ${rapperNt.stderr}`);
      const turtle = await run(RAPPER, ['-q', '-i', 'turtle', '-o', 'ntriples', `file://${file('.ttl')}`], { maxBuffer: 1 << 26 }).catch(
        (e: Error) => ({ stdout: '', stderr: e.message }),
      );
      if (turtle.stderr !== '') problems.push(`${stem}.ttl: ${turtle.stderr}`);
      else if (JSON.stringify(canonical(turtle.stdout, 'N-Triples')) !== JSON.stringify(nt)) problems.push(`${stem}.ttl: other triples than ${stem}.nt`);
      const fromJsonLd = await jsonld.toRDF(JSON.parse(readFileSync(file('.jsonld'), 'utf8')), { format: 'application/n-quads', documentLoader });
      if (JSON.stringify(canonical(fromJsonLd, 'N-Quads')) !== JSON.stringify(nt)) problems.push(`${stem}.jsonld: other triples than ${stem}.nt`);
    });
    expect(problems).toEqual([]);
  }, 180_000);

  it('have index pages: agencies as a tree, officials A–Z, documents by type and year, events and announcements by date', () => {
    const home = readFileSync(join(site(), 'index.html'), 'utf8');
    for (const page of ['agencies.html', 'officials.html', 'documents.html', 'events.html', 'announcements.html']) {
      expect(home).toContain(`href="${page}"`);
      expect(existsSync(join(site(), page))).toBe(true);
    }
    const agencies = readFileSync(join(site(), 'agencies.html'), 'utf8');
    // The Ministry of Justice sits under the Government, and its departments under it.
    const government = agencies.indexOf('href="agency/chinh-phu.html"');
    const ministry = agencies.indexOf('href="agency/bo-tu-phap.html"');
    const department = agencies.indexOf('href="agency/cuc-tro-giup-phap-ly.html"');
    expect(government).toBeGreaterThan(-1);
    expect(ministry).toBeGreaterThan(government);
    expect(department).toBeGreaterThan(ministry);
    const officials = readFileSync(join(site(), 'officials.html'), 'utf8');
    expect(officials.indexOf('id="chu-d"')).toBeLessThan(officials.indexOf('id="chu-dd"'));
    expect(officials).toContain('href="person/tran-tien-dung.html"');
    const documents = readFileSync(join(site(), 'documents.html'), 'utf8');
    expect(documents).toMatch(/<h2>Nghị định<\/h2>[\s\S]*<h3>2017<\/h3>[\s\S]*href="eli\/vn\/decree\/2017\/144\/cp.html"/);
    // Events: a page per year, newest first, and inside it newest first.
    const events = readFileSync(join(site(), 'events.html'), 'utf8');
    const years = [...events.matchAll(/href="(events-[^"]+\.html)"/g)].map((m) => m[1]!);
    expect(years.length).toBeGreaterThan(3);
    const dates = years.flatMap((p) => [...readFileSync(join(site(), p), 'utf8').matchAll(/<time datetime="([^"]+)"/g)].map((m) => m[1]!));
    expect(dates.length).toBeGreaterThan(20);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('are byte-identical when written again, each writer reading the dumps afresh', async () => {
    const again = join(work, 'again');
    const dumps = join(work, 'out', 'latest', 'dumps');
    await writeEmbeds(contextFor(dumps, again));
    await writeSite(contextFor(dumps, again));
    const files = filesUnder(release);
    expect(filesUnder(again)).toEqual(files);
    const differing = files.filter((f) => !readFileSync(join(again, f)).equals(readFileSync(join(release, f))));
    expect(differing).toEqual([]);
  }, 180_000);
});

describe('a crafted name', () => {
  const EVIL = `</script><script>alert("x")</script> & 'Ngô' <!-- --> ]]>`;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'loa-site-evil-'));
    const iris = new IriMinter(BASE);
    const { namedNode: n, literal: l, quad: q } = DataFactory;
    const id = 'evil-1';
    const a = iris.announcement(id);
    const person = iris.person('evil');
    const escaper = n(`${BASE}person/..%2F..%2Fescape`);
    const body = `Ông ${EVIL} dự họp.`;
    const span = iris.textSpan(id, 'body', 4, 4 + EVIL.length);
    const quads = [
      q(a, RDF.type, SCHEMA.NewsArticle),
      q(a, SCHEMA.identifier, l(id)),
      q(a, SCHEMA.headline, l(`<b>Tin</b> & "${EVIL}"`, 'vi')),
      q(a, SCHEMA.datePublished, l('2024-01-02', XSD.date)),
      q(a, SCHEMA.articleBody, l(body, 'vi')),
      q(a, SCHEMA.mentions, person),
      q(a, SCHEMA.mentions, escaper),
      q(person, RDF.type, SCHEMA.Person),
      q(person, SCHEMA.name, l(EVIL)),
      q(escaper, RDF.type, SCHEMA.Person),
      q(escaper, SCHEMA.name, l('Lê Văn Thoát')),
      q(iris.text(id, 'body'), DCTERMS.isPartOf, a),
      q(span, RDF.type, NIF.Phrase),
      q(span, NIF.referenceContext, iris.text(id, 'body')),
      q(span, NIF.beginIndex, l('4', XSD.nonNegativeInteger)),
      q(span, NIF.endIndex, l(String(4 + EVIL.length), XSD.nonNegativeInteger)),
      q(span, NIF.anchorOf, l(EVIL)),
      q(span, ITSRDF.taIdentRef, person),
    ];
    // The person is in two graphs; the N-Triples dump is their union, each triple once, sorted.
    const inGraphs = [
      ...quads.map((x) => q(x.subject, x.predicate, x.object, iris.announcementGraph(id))),
      ...quads.filter((x) => x.subject.equals(person)).map((x) => q(x.subject, x.predicate, x.object, iris.referenceGraph())),
    ];
    const nquads = new Writer({ format: 'N-Quads' }).quadsToString(inGraphs);
    const lines = new Set(quads.map((x) => new Writer({ format: 'N-Triples' }).quadsToString([q(x.subject, x.predicate, x.object)])));
    // The dumps are kept outside the folder the writers fill.
    mkdirSync(`${dir}-dumps`);
    writeFileSync(join(`${dir}-dumps`, 'loa.nq.gz'), gzipSync(nquads));
    writeFileSync(join(`${dir}-dumps`, 'loa.nt.gz'), gzipSync([...lines].sort().join('')));
    const ctx = contextFor(`${dir}-dumps`, dir);
    await writeEmbeds(ctx);
    await writeSite(ctx);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-dumps`, { recursive: true, force: true });
  });

  it('is escaped in the page and cannot close the JSON-LD script or open a comment', () => {
    for (const page of ['person/evil.html', 'announcement/evil-1.html']) {
      const html = readFileSync(join(dir, 'site', page), 'utf8');
      expect(html.match(/<script/g), page).toHaveLength(1);
      expect(html.match(/<\/script/g), page).toHaveLength(1);
      expect(html, page).not.toContain('<!--');
      expect(html, page).toContain('&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Ngô&#39; &lt;!-- --&gt; ]]&gt;');
      expect(JSON.stringify(JSON.parse(embeddedJson(html)))).toContain(JSON.stringify(EVIL));
    }
    const person = readFileSync(join(dir, 'site/person/evil.html'), 'utf8');
    expect(person).toContain('<h1>&lt;/script&gt;');
    expect((JSON.parse(embeddedJson(person)) as { name: string }).name).toBe(EVIL);
    const announcement = readFileSync(join(dir, 'site/announcement/evil-1.html'), 'utf8');
    expect(announcement).toContain('<mark>&lt;/script&gt;&lt;script&gt;');
    expect(announcement).toContain('&lt;b&gt;Tin&lt;/b&gt; &amp; &quot;');
  });

  it('is escaped in the embed too, which parses back to the same name', () => {
    const text = readFileSync(join(dir, 'embeds/evil-1.jsonld'), 'utf8');
    expect(text).not.toContain('<');
    const doc = JSON.parse(text) as { mentions: { name: string }[] };
    expect(doc.mentions.map((m) => m.name)).toContain(EVIL);
  });

  it('in an IRI path cannot place a page outside the site folder', () => {
    const files = filesUnder(dir);
    expect(files.every((f) => f.startsWith('site/') || f.startsWith('embeds/'))).toBe(true);
    expect(files.filter((f) => f.startsWith('site/x/') && f.endsWith('.html'))).toHaveLength(1);
    const announcement = readFileSync(join(dir, 'site/announcement/evil-1.html'), 'utf8');
    expect(announcement).toMatch(/href="\.\.\/x\/[0-9a-f]{24}\.html">Lê Văn Thoát</);
  });
});

describe('the pieces the writers rely on', () => {
  it('quote the sentence around a span, not splitting after a title\'s abbreviation, and only the span when offsets disagree', () => {
    const text = 'Mở đầu. Chiều 25/3, TS. Trần Tiến Dũng dự họp tại Hà Nội. Câu sau.\nĐoạn mới.';
    const begin = text.indexOf('Trần');
    expect(sentenceAround(text, begin, begin + 14, 'Trần Tiến Dũng')).toEqual({ before: 'Chiều 25/3, TS. ', anchor: 'Trần Tiến Dũng', after: ' dự họp tại Hà Nội.' });
    const last = text.indexOf('Đoạn');
    expect(sentenceAround(text, last, last + 4, 'Đoạn')).toEqual({ before: '', anchor: 'Đoạn', after: ' mới.' });
    expect(sentenceAround(text, 0, 3, 'khác')).toEqual({ before: '', anchor: 'khác', after: '' });
  });
});
