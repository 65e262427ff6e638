/**
 * An announcement as a schema:NewsArticle in its own named graph, with
 * provenance to the file it was read from.
 */
import { DataFactory, type Quad } from 'n3';
import { externalIri, type IriMinter } from '../core/iri.ts';
import type { Announcement } from '../core/types.ts';
import { DCTERMS, PROV, RDF, SCHEMA, XSD } from '../core/vocab.ts';

const { quad, literal } = DataFactory;

const MEDIA_TYPE: Record<Announcement['source']['format'], string> = {
  text: 'text/plain',
  html: 'text/html',
  json: 'application/json',
  jsonl: 'application/jsonl',
};

/** The xsd:date or xsd:dateTime (Vietnam time, +07:00) of a publication. */
export function publicationLiteral(published: Announcement['published']) {
  return published.time
    ? literal(`${published.date}T${published.time}:00+07:00`, XSD.dateTime)
    : literal(published.date, XSD.date);
}

export function announcementQuads(a: Announcement, iris: IriMinter): Quad[] {
  const g = iris.announcementGraph(a.id);
  const article = iris.announcement(a.id);
  const source = iris.source(a.id);
  const out: Quad[] = [
    quad(article, RDF.type, SCHEMA.NewsArticle, g),
    quad(article, SCHEMA.identifier, literal(a.id), g),
    quad(article, SCHEMA.headline, literal(a.title, 'vi'), g),
    quad(article, SCHEMA.datePublished, publicationLiteral(a.published), g),
    quad(article, SCHEMA.inLanguage, literal('vi'), g),
    quad(article, SCHEMA.articleBody, literal(a.body, 'vi'), g),
    quad(article, PROV.wasDerivedFrom, source, g),
    quad(source, RDF.type, PROV.Entity, g),
    quad(source, RDF.type, SCHEMA.MediaObject, g),
    quad(source, DCTERMS.identifier, literal(a.source.record ? `${a.source.path}#record=${a.source.record}` : a.source.path), g),
    quad(source, SCHEMA.encodingFormat, literal(MEDIA_TYPE[a.source.format]), g),
    quad(source, SCHEMA.sha256, literal(a.source.sha256), g),
    quad(source, SCHEMA.contentSize, literal(`${a.source.byteSize} B`), g),
  ];
  const url = a.url ? externalIri(a.url) : undefined;
  if (url) out.push(quad(article, SCHEMA.url, url, g));
  return out;
}
