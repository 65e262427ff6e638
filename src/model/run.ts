/**
 * The run itself as PROV-O, in the metadata graph (`graph/metadata`): one
 * `prov:Activity` named by a digest of what it read (the announcements'
 * content and the code and reference data extraction used), associated with
 * loa as a `prov:SoftwareAgent` of the version that ran, having used every
 * announcement's source and generated every announcement. No clock time is
 * recorded, so the same input gives the same bytes; the release date and
 * version are in the catalogue.
 */
import { createHash } from 'node:crypto';
import { DataFactory, type Quad } from 'n3';
import type { IriMinter } from '../core/iri.ts';
import { OWL, PROV, RDF, RDFS } from '../core/vocab.ts';

const { quad, literal } = DataFactory;

/** A digest of a run's input: the announcements' content hashes in id order, and the extraction fingerprint. */
export function runDigest(announcements: readonly { id: string; contentHash: string }[], fingerprint: string): string {
  const hash = createHash('sha256').update(fingerprint);
  for (const a of announcements) hash.update(`\n${a.id}\t${a.contentHash}`);
  return hash.digest('hex').slice(0, 16);
}

export function runQuads(announcements: readonly { id: string }[], digest: string, softwareVersion: string, iris: IriMinter): Quad[] {
  const g = iris.metadataGraph();
  const run = iris.activity(digest);
  const agent = iris.agent();
  const out: Quad[] = [
    quad(run, RDF.type, PROV.Activity, g),
    quad(run, RDFS.label, literal('loa build', 'en'), g),
    quad(run, PROV.wasAssociatedWith, agent, g),
    quad(agent, RDF.type, PROV.SoftwareAgent, g),
    quad(agent, RDFS.label, literal(`loa ${softwareVersion}`, 'en'), g),
    quad(agent, OWL.versionInfo, literal(softwareVersion), g),
  ];
  for (const a of announcements) {
    out.push(quad(run, PROV.used, iris.source(a.id), g));
    out.push(quad(run, PROV.generated, iris.announcement(a.id), g));
    out.push(quad(iris.announcement(a.id), PROV.wasGeneratedBy, run, g));
  }
  return out;
}
