/**
 * The query page served at `/`: a SPARQL editor with the example queries a
 * researcher would start from, results as a table that sorts by any column
 * and links entities to their pages, downloads of the results as CSV or
 * JSON, and an entity browser that searches names with or without
 * diacritics. The page is static HTML with one script and one stylesheet
 * served beside it (`/query.js`, `/query.css`), so a strict Content Security
 * Policy (`default-src 'self'`) applies; the script talks only to this
 * server's `/sparql` and `/search`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ExampleQuery {
  title: string;
  query: string;
}

/** The example queries: each `.rq` file of a folder, titled by its first comment line. */
export async function loadExamples(dir: string): Promise<ExampleQuery[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.rq')).sort();
  const out: ExampleQuery[] = [];
  for (const name of names) {
    const query = await readFile(join(dir, name), 'utf8');
    const first = /^#\s*(.+)$/m.exec(query);
    out.push({ title: first ? first[1]!.trim() : name.replace(/\.rq$/, ''), query });
  }
  return out;
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The page itself; `base` is the dataset's base IRI, so the script can turn entity IRIs into local links. */
export function queryPageHtml(base: string, examples: readonly ExampleQuery[], defaults: { timeoutMs: number; maxRows: number }): string {
  const buttons = examples.map((e, i) => `<li><button type="button" class="example" data-example="${i}">${html(e.title)}</button></li>`).join('\n        ');
  const data = JSON.stringify(examples.map((e) => e.query)).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>loa: truy vấn SPARQL / SPARQL query</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/query.css">
  <link rel="alternate" type="text/turtle" href="/.well-known/void" title="VoID">
</head>
<body data-base="${html(base)}">
  <header>
    <h1>loa <small>dữ liệu liên kết từ tin tức cơ quan nhà nước · linked data from Vietnamese government announcements</small></h1>
    <nav><a href="/index.html">Trang thực thể / Entity pages</a> · <a href="/meta/catalog.ttl">DCAT</a> · <a href="/.well-known/void">VoID</a> · <a href="/sparql">Service description</a> · <a href="/dumps/loa.nq.gz">N-Quads</a></nav>
  </header>
  <main>
    <section id="search-section" aria-labelledby="search-title">
      <h2 id="search-title">Tìm thực thể / Find an entity</h2>
      <form id="search-form" role="search">
        <label for="search">Tên (dấu không bắt buộc) / Name (diacritics optional)</label>
        <input id="search" name="q" type="search" placeholder="tran tien dung" autocomplete="off">
        <button type="submit">Tìm / Search</button>
      </form>
      <ul id="search-results"></ul>
    </section>
    <section aria-labelledby="query-title">
      <h2 id="query-title">Truy vấn SPARQL / SPARQL query</h2>
      <p>Ví dụ / Examples:</p>
      <ul class="examples">
        ${buttons}
      </ul>
      <form id="query-form">
        <label for="query">Truy vấn / Query (the default graph is the union of all graphs; at most ${defaults.maxRows} rows, ${defaults.timeoutMs / 1000} s)</label>
        <textarea id="query" name="query" rows="14" spellcheck="false">${html(examples[0]?.query ?? 'SELECT * WHERE { ?s ?p ?o } LIMIT 10')}</textarea>
        <div class="actions">
          <button type="submit" id="run">Chạy / Run</button>
          <button type="button" id="download-csv">CSV</button>
          <button type="button" id="download-json">JSON</button>
          <span id="status" role="status"></span>
        </div>
      </form>
      <div id="results"></div>
    </section>
  </main>
  <script type="application/json" id="examples">${data}</script>
  <script src="/query.js"></script>
</body>
</html>
`;
}

export const QUERY_PAGE_CSS = `body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header{background:#8a1c1c;color:#fff;padding:.8rem 1.2rem}header a{color:#fff}
h1{margin:.2rem 0;font-size:1.4rem}h1 small{font-weight:normal;font-size:.85rem;display:block}
main{max-width:72rem;margin:auto;padding:1rem}
textarea{width:100%;font-family:ui-monospace,monospace;font-size:.9rem;box-sizing:border-box}
input[type=search]{width:min(30rem,100%)}
.examples{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}
.examples button{text-align:left}
.actions{margin:.5rem 0;display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}
table{border-collapse:collapse;width:100%;font-size:.9rem;background:#fff}
th,td{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{cursor:pointer;background:#eee;user-select:none}th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
.error{color:#a00;white-space:pre-wrap}.lang{color:#777;font-size:.8em}
`;

/** The page's script: plain browser JavaScript, no library. */
export const QUERY_PAGE_JS = `'use strict';
(function () {
  var base = document.body.getAttribute('data-base') || '';
  var examples = JSON.parse(document.getElementById('examples').textContent || '[]');
  var query = document.getElementById('query');
  var status = document.getElementById('status');
  var results = document.getElementById('results');

  function localHref(iri) {
    return iri.indexOf(base) === 0 ? '/' + iri.slice(base.length) : iri;
  }
  function cell(term) {
    var td = document.createElement('td');
    if (!term) return td;
    if (term.type === 'uri') {
      var a = document.createElement('a');
      a.href = localHref(term.value);
      a.textContent = term.value.indexOf(base) === 0 ? term.value.slice(base.length) : term.value;
      td.appendChild(a);
    } else {
      td.textContent = term.value;
      if (term['xml:lang']) {
        var span = document.createElement('span');
        span.className = 'lang';
        span.textContent = ' @' + term['xml:lang'];
        td.appendChild(span);
      }
    }
    td.setAttribute('data-sort', term.value);
    return td;
  }
  function sortBy(table, column, th) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    rows.sort(function (a, b) {
      var x = a.cells[column].getAttribute('data-sort') || '';
      var y = b.cells[column].getAttribute('data-sort') || '';
      var nx = Number(x), ny = Number(y);
      var c = x !== '' && y !== '' && !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y, 'vi');
      return ascending ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function show(json, truncated) {
    results.textContent = '';
    if (typeof json.boolean === 'boolean') {
      results.textContent = json.boolean ? 'true' : 'false';
      return;
    }
    var vars = json.head.vars || [];
    var table = document.createElement('table');
    var head = table.createTHead().insertRow();
    vars.forEach(function (v, i) {
      var th = document.createElement('th');
      th.textContent = v;
      th.setAttribute('scope', 'col');
      th.addEventListener('click', function () { sortBy(table, i, th); });
      head.appendChild(th);
    });
    var body = table.createTBody();
    json.results.bindings.forEach(function (b) {
      var tr = body.insertRow();
      vars.forEach(function (v) { tr.appendChild(cell(b[v])); });
    });
    results.appendChild(table);
    status.textContent = json.results.bindings.length + ' rows' + (truncated ? ' (cut at the row limit)' : '');
  }
  function post(accept) {
    return fetch('/sparql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept': accept },
      body: new URLSearchParams({ query: query.value }).toString()
    });
  }
  function fail(message) {
    results.textContent = '';
    var p = document.createElement('p');
    p.className = 'error';
    p.textContent = message;
    results.appendChild(p);
    status.textContent = '';
  }
  document.getElementById('query-form').addEventListener('submit', function (e) {
    e.preventDefault();
    status.textContent = '…';
    post('application/sparql-results+json').then(function (r) {
      var truncated = r.headers.get('X-Loa-Truncated') === 'true';
      var type = r.headers.get('Content-Type') || '';
      if (!r.ok) return r.text().then(function (t) { fail(r.status + ': ' + t); });
      if (type.indexOf('application/sparql-results+json') !== 0) {
        return r.text().then(function (t) {
          results.textContent = '';
          var pre = document.createElement('pre');
          pre.textContent = t;
          results.appendChild(pre);
          status.textContent = type;
        });
      }
      return r.json().then(function (j) { show(j, truncated); });
    }).catch(function (err) { fail(String(err)); });
  });
  function download(accept, name) {
    post(accept).then(function (r) {
      if (!r.ok) return r.text().then(function (t) { fail(r.status + ': ' + t); });
      return r.blob().then(function (blob) {
        var a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = name;
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
      });
    }).catch(function (err) { fail(String(err)); });
  }
  document.getElementById('download-csv').addEventListener('click', function () { download('text/csv', 'loa-results.csv'); });
  document.getElementById('download-json').addEventListener('click', function () { download('application/sparql-results+json', 'loa-results.json'); });
  Array.prototype.forEach.call(document.querySelectorAll('button.example'), function (b) {
    b.addEventListener('click', function () {
      query.value = examples[Number(b.getAttribute('data-example'))] || '';
      document.getElementById('query-form').requestSubmit();
    });
  });
  document.getElementById('search-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var q = document.getElementById('search').value;
    var list = document.getElementById('search-results');
    fetch('/search?q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } }).then(function (r) { return r.json(); }).then(function (hits) {
      list.textContent = '';
      hits.forEach(function (h) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = localHref(h.iri);
        a.textContent = h.name;
        li.appendChild(a);
        var small = document.createElement('span');
        small.className = 'lang';
        small.textContent = ' ' + h.types.map(function (t) { return t.replace(/^.*[#/]/, ''); }).join(', ');
        li.appendChild(small);
        list.appendChild(li);
      });
      if (hits.length === 0) list.textContent = 'Không thấy / Nothing found';
    }).catch(function (err) { fail(String(err)); });
  });
})();
`;
