/**
 * Regenerates the `sh:in` list of document type names in ontology/shapes.ttl
 * from data/reference/document-types.csv. With `--check`, writes nothing and
 * exits 1 when the file is stale.
 *
 *   npx tsx scripts/shapes/sync-document-types.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { referenceData } from '../../src/core/reference.ts';
import { acceptedDocumentTypes, renderDocumentTypeBlock, spliceDocumentTypeBlock } from '../../src/validate/document-types.ts';

const SHAPES = fileURLToPath(new URL('../../ontology/shapes.ttl', import.meta.url));

const current = readFileSync(SHAPES, 'utf8');
const wanted = spliceDocumentTypeBlock(current, renderDocumentTypeBlock(acceptedDocumentTypes(referenceData().documentTypes.map((t) => t.name))));
if (process.argv.includes('--check')) {
  process.stdout.write(current === wanted ? 'ontology/shapes.ttl is current\n' : 'ontology/shapes.ttl is stale: run npx tsx scripts/shapes/sync-document-types.ts\n');
  process.exitCode = current === wanted ? 0 : 1;
} else if (current !== wanted) {
  writeFileSync(SHAPES, wanted);
  process.stdout.write('ontology/shapes.ttl: document types updated\n');
} else {
  process.stdout.write('ontology/shapes.ttl is current\n');
}
