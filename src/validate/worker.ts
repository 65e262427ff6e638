/**
 * A validation worker: holds the shared graphs once and checks announcement
 * graphs sent to it as N-Quads, answering with plain results.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Parser } from 'n3';
import { GraphValidator } from './validate.ts';

interface Init {
  shared: string;
  shapesFile?: string;
}

type Request = { kind: 'shared' } | { kind: 'graph'; id: number; nquads: string };

const init = workerData as Init;
const validator = new GraphValidator(new Parser({ format: 'N-Quads' }).parse(init.shared), init.shapesFile ? { shapesFile: init.shapesFile } : {});

parentPort!.on('message', (request: Request) => {
  void (async () => {
    try {
      if (request.kind === 'shared') {
        parentPort!.postMessage({ kind: 'shared', results: await validator.validateShared() });
      } else {
        const results = await validator.validateGraph(new Parser({ format: 'N-Quads' }).parse(request.nquads));
        parentPort!.postMessage({ kind: 'graph', id: request.id, results });
      }
    } catch (e) {
      parentPort!.postMessage({ kind: 'error', id: request.kind === 'graph' ? request.id : -1, message: (e as Error).message });
    }
  })();
});
