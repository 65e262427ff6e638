/**
 * A graph worker of the build: holds the shared graphs and the shapes once,
 * and for each announcement graph sent to it as N-Quads checks it against the
 * shapes and serialises it for the dumps (sorted N-Quads, digest, JSON-LD,
 * N-Triples lines), so both run beside modelling on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Parser, type Quad } from 'n3';
import { serializeGraph } from '../src/publish/dumps.ts';
import { contextFromFile } from '../src/publish/jsonld-compact.ts';
import { GraphValidator } from '../src/validate/validate.ts';
import type { GraphReply, GraphRequest, GraphWorkerInit } from './graph-workers.ts';

const init = workerData as GraphWorkerInit;
// Blank node labels kept as written, so a graph serialises here exactly as on the main thread.
const parse = (text: string) => new Parser({ format: 'N-Quads', blankNodePrefix: '' }).parse(text) as Quad[];
const validator = new GraphValidator(parse(init.shared), init.shapesFile ? { shapesFile: init.shapesFile } : {});
const context = contextFromFile(init.contextFile);
const reply = (message: GraphReply) => parentPort!.postMessage(message);

parentPort!.on('message', (request: GraphRequest) => {
  void (async () => {
    try {
      if (request.kind === 'shared') {
        reply({ kind: 'shared', results: await validator.validateShared() });
      } else {
        const quads = parse(request.nquads);
        const results = await validator.validateGraph(quads);
        reply({ kind: 'graph', id: request.id, results, serialized: quads.length === 0 ? null : serializeGraph(quads, context) });
      }
    } catch (e) {
      reply({ kind: 'error', id: request.kind === 'graph' ? request.id : -1, message: (e as Error).message });
    }
  })();
});
