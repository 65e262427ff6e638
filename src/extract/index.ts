/**
 * One announcement in, one extraction out: agencies first (the other extractors
 * lean on them), then dates, legal documents, officials and events. Pure: no I/O
 * beyond the reference tables read once.
 */
import type { Extraction } from '../core/extraction.ts';
import { issue } from '../core/issues.ts';
import type { Announcement, Issue } from '../core/types.ts';
import { AgencyFinder, type Field } from './agencies.ts';
import { scanDates } from './dates.ts';
import { extractEvents } from './events.ts';
import { extractDocuments } from './legal-documents.ts';
import { extractOfficials } from './officials.ts';
import { keyOf, tokenize } from './tokens.ts';

/**
 * @example extractAnnouncement(announcement).officials[0]?.name // 'Trần Tiến Dũng'
 */
export function extractAnnouncement(a: Announcement): Extraction {
  const fields: Field[] = [
    { field: 'title', text: a.title, tokens: tokenize(a.title) },
    { field: 'body', text: a.body, tokens: tokenize(a.body) },
  ];
  const issues: Issue[] = [];
  const finder = new AgencyFinder(fields, a.published.date);
  finder.scan();
  const scans = fields.map((f) => ({ f, ...scanDates(f.text, f.field, a.published.date) }));
  const dates = scans.flatMap((s) => s.dates);
  for (const { f, impossible } of scans) {
    for (const span of impossible) {
      const text = f.text.slice(span.start, span.end);
      issues.push(issue('date_impossible', a.source.path, `"${text}" in the ${f.field} is not a real calendar date; it was not published as a date`, 'check the date in the source text', { severity: 'warning', span, excerpt: text }));
    }
  }
  const docs = extractDocuments(a, { title: fields[0]!.tokens, body: fields[1]!.tokens });
  issues.push(...docs.issues);
  const officials = extractOfficials(fields, finder);
  // A document's issuer is the agency of that name when it is a body ("Chính phủ", "Ủy ban nhân dân tỉnh");
  // an office ("Bộ trưởng Bộ Tư pháp") stays the office, modelled as such.
  for (const d of docs.documents) {
    if (!d.issuer) continue;
    const issuerKey = keyOf(d.issuer);
    const found = finder.list().find((ag) => keyOf(ag.name) === issuerKey) ?? finder.issuer(d.issuer, d.evidence.slice(0, 1));
    if (found) d.issuerAgencyKey = found.key;
  }
  const agencies = finder.result();
  for (const o of officials) for (const r of o.roles) if (r.agencyKey) r.agencyKey = agencies.keyOf(r.agencyKey);
  for (const d of docs.documents) if (d.issuerAgencyKey) d.issuerAgencyKey = agencies.keyOf(d.issuerAgencyKey);
  const events = extractEvents({ published: a.published.date, fields, dates, officials, agencies: agencies.agencies, documents: docs.documents });
  return { announcementId: a.id, dates, agencies: agencies.agencies, officials, documents: docs.documents, events, issues };
}
