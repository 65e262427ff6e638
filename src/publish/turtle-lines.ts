/**
 * Turtle written straight from sorted N-Triples lines, one line at a time:
 * each subject once with its statements under it (`;`), repeated predicates
 * joined with `,`, `a` for `rdf:type`, and IRIs written as prefixed names where
 * a declared prefix covers them and the rest is a plain name. Every N-Triples
 * term is also a Turtle term, so the rest is copied as it is: nothing is parsed
 * or re-escaped, and the writer holds one subject's worth of text at most.
 * The lines must be sorted (then a subject's lines are consecutive), as the
 * N-Triples dump is.
 */

import { ownCopy } from '../core/text.ts';

const RDF_TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>';
const LOCAL_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export class TurtleLineWriter {
  private readonly prefixes: [string, string][];
  private readonly cache = new Map<string, string>();
  private subject = '';
  private predicate = '';
  private started = false;

  /** @param prefixes namespace IRIs by prefix; all are declared at the top */
  constructor(
    prefixes: Record<string, string>,
    private readonly write: (text: string) => Promise<void> | undefined,
  ) {
    this.prefixes = Object.entries(prefixes).sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  }

  /** A term in angle brackets as a prefixed name when that is safe, else as it is. */
  private iri(term: string): string {
    const iri = term.slice(1, -1);
    for (const [prefix, ns] of this.prefixes) {
      if (iri.length > ns.length && iri.startsWith(ns) && LOCAL_NAME.test(iri.slice(ns.length))) return `${prefix}:${iri.slice(ns.length)}`;
    }
    return term;
  }

  /** Like `iri`, remembered: predicates and classes repeat on almost every line. */
  private known(term: string): string {
    let out = this.cache.get(term);
    if (out === undefined) {
      out = term === RDF_TYPE ? 'a' : this.iri(term);
      // A copy as the key: the term is cut from a line read in a large chunk, which it would keep alive.
      if (this.cache.size < 10_000) this.cache.set(ownCopy(term), out);
    }
    return out;
  }

  private object(term: string): string {
    if (term.startsWith('<')) return this.known(term);
    if (term.startsWith('"') && term.endsWith('>')) {
      const at = term.lastIndexOf('"^^<');
      if (at >= 0) return `${term.slice(0, at + 3)}${this.known(term.slice(at + 3))}`;
    }
    return term;
  }

  private header(): string {
    this.started = true;
    const lines = [...this.prefixes].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([p, ns]) => `@prefix ${p}: <${ns}> .\n`);
    return `${lines.join('')}\n`;
  }

  /**
   * Adds one N-Triples line (`<s> <p> object .` with its newline). Returns what
   * the write callback returned (a promise to await when the sink wants one).
   */
  add(line: string): Promise<void> | undefined {
    const head = this.started ? '' : this.header();
    const first = line.indexOf(' ');
    const second = line.indexOf(' ', first + 1);
    const s = line.slice(0, first);
    const p = line.slice(first + 1, second);
    const o = line.slice(second + 1, line.length - (line.endsWith(' .\n') ? 3 : 2));
    if (s !== this.subject) {
      const opening = this.subject === '' ? '' : ' .\n\n';
      this.subject = s;
      this.predicate = p;
      return this.write(`${head}${opening}${s.startsWith('<') ? this.iri(s) : s} ${this.known(p)} ${this.object(o)}`);
    }
    if (p !== this.predicate) {
      this.predicate = p;
      return this.write(`${head} ;\n    ${this.known(p)} ${this.object(o)}`);
    }
    return this.write(`${head} ,\n        ${this.object(o)}`);
  }

  async end(): Promise<void> {
    const head = this.started ? '' : this.header();
    await this.write(`${head}${this.subject !== '' ? ' .\n' : ''}`);
  }
}
