/**
 * SPARQL 1.1 Query Results XML Format (W3C), written from the SPARQL JSON
 * results the engine gives. Everything that comes from the data is escaped:
 * `&`, `<` and `>` in text; quotes too in attribute values, and tabs and line
 * breaks there as character references so that attribute-value normalisation
 * cannot change them; a carriage return everywhere (an XML parser would turn it
 * into a line feed). XML 1.0 cannot carry the C0 control characters other than
 * tab and line breaks, U+FFFE, U+FFFF or an unpaired surrogate, even as
 * references: such a character is written as U+FFFD, the one case where the
 * XML differs from the JSON. Triple terms (SPARQL 1.2) are written as
 * `<triple>` with `<subject>`, `<predicate>` and `<object>`.
 */
import type { JsonResults, JsonTerm } from './json-results.ts';

const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function text(s: string): string {
  return s.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function attribute(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

function term(t: JsonTerm): string {
  switch (t.type) {
    case 'uri':
      return `<uri>${text(t.value)}</uri>`;
    case 'bnode':
      return `<bnode>${text(t.value)}</bnode>`;
    case 'triple':
      return `<triple><subject>${term(t.value.subject)}</subject><predicate>${term(t.value.predicate)}</predicate><object>${term(t.value.object)}</object></triple>`;
    default: {
      const lang = t['xml:lang'] !== undefined ? ` xml:lang="${attribute(t['xml:lang'])}"` : '';
      const datatype = t.datatype !== undefined ? ` datatype="${attribute(t.datatype)}"` : '';
      return `<literal${lang}${datatype}>${text(t.value)}</literal>`;
    }
  }
}

/**
 * The XML results document for SELECT bindings or an ASK boolean.
 *
 * @example writeXmlResults({ head: {}, boolean: true }) // '<?xml …?>\n<sparql …>\n<head/>\n<boolean>true</boolean>\n</sparql>\n'
 */
export function writeXmlResults(results: JsonResults): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">'];
  if (typeof results.boolean === 'boolean') {
    lines.push('<head/>', `<boolean>${results.boolean}</boolean>`);
  } else {
    const vars = results.head.vars ?? [];
    lines.push('<head>', ...vars.map((v) => `  <variable name="${attribute(v)}"/>`), '</head>', '<results>');
    for (const row of results.results?.bindings ?? []) {
      lines.push('  <result>');
      for (const v of vars) {
        const t = row[v];
        if (t !== undefined) lines.push(`    <binding name="${attribute(v)}">${term(t)}</binding>`);
      }
      lines.push('  </result>');
    }
    lines.push('</results>');
  }
  lines.push('</sparql>');
  return `${lines.join('\n')}\n`;
}
