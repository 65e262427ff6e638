/**
 * Lays a story out as the files loa reads: the plain-text layout, a saved
 * portal page, or a JSON Lines record. Date lines vary the way real portals
 * print them.
 */
import { weekdayOf, type Story } from './compose.ts';
import type { Random } from './random.ts';

function dmy(iso: string, separator: string, padded: boolean): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  return padded ? `${d}${separator}${m}${separator}${y}` : `${Number(d)}${separator}${Number(m)}${separator}${y}`;
}

/** Publication date lines of the text layout. */
const DATE_LINES: readonly ((s: Story) => string)[] = [
  (s) => dmy(s.published.date, '/', true),
  (s) => dmy(s.published.date, '/', false),
  (s) => `${dmy(s.published.date, '/', true)} ${s.published.time}`,
  (s) => `${weekdayOf(s.published.date)}, ${dmy(s.published.date, '/', true)} - ${s.published.time} (GMT+7)`,
  (s) => `Cập nhật: ${dmy(s.published.date, '-', true)} | ${s.published.time}:00`,
  (s) => `Ngày đăng: ${dmy(s.published.date, '/', true)}`,
];

/**
 * The text layout: title, blank line, date line, the title repeated (mostly),
 * one paragraph per line, the credit. A few files use CRLF or start with a BOM.
 *
 * @example renderText(story, random) // "Hội nghị …\n\n26/03/2024\nHội nghị …\nSáng 25/3, …\n…"
 */
export function renderText(s: Story, random: Random): string {
  const lines = [s.title, '', random.pick(DATE_LINES)(s)];
  if (random.chance(0.8)) lines.push(s.title);
  lines.push(...s.paragraphs, s.credit, '');
  const eol = random.chance(0.05) ? '\r\n' : '\n';
  return `${random.chance(0.03) ? '\uFEFF' : ''}${lines.join(eol)}`;
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Where a page says when it was published: meta tags, a `<time>`, or only a date line. */
const HTML_DATES: readonly ((s: Story) => { head: string; line: string })[] = [
  (s) => ({ head: `<meta property="article:published_time" content="${s.published.date}T${s.published.time}:00+07:00">`, line: `${weekdayOf(s.published.date)}, ${dmy(s.published.date, '/', true)}` }),
  (s) => ({ head: '', line: `<time datetime="${s.published.date}">${dmy(s.published.date, '/', true)} ${s.published.time}</time>` }),
  (s) => ({ head: '', line: `Cập nhật ngày: ${dmy(s.published.date, '/', true)}` }),
];

/**
 * A saved portal page: menus, toolbar, breadcrumbs, the article, related news and a footer.
 *
 * @example renderHtml(story, random).startsWith('<!DOCTYPE html>') === true
 */
export function renderHtml(s: Story, random: Random): string {
  const date = random.pick(HTML_DATES)(s);
  const title = escapeHtml(s.title);
  const ogTitle = random.chance(0.6) ? `\n<meta property="og:title" content="${title}">` : '';
  const paragraphs = s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${title} - Cổng thông tin điện tử</title>${ogTitle}
<link rel="canonical" href="${s.url}">
${date.head}
</head>
<body>
<nav class="menu"><a href="/">Trang chủ</a> | <a href="/gioi-thieu">Giới thiệu</a> | <a href="/tin-tuc">Tin tức</a> | <a href="/van-ban">Văn bản</a></nav>
<div class="breadcrumb">Trang chủ &raquo; Tin tức &raquo; Tin hoạt động</div>
<article>
<h1 class="title">${title}</h1>
<div class="post-info date">${date.line}</div>
<div class="tools">Xem cỡ chữ | In trang | Gửi email</div>
<div class="content">
${paragraphs}
<p class="author"><b>${escapeHtml(s.credit)}</b></p>
</div>
</article>
<div class="related"><h3>Tin liên quan</h3><ul><li><a href="/tin-tuc/1">Tổng kết công tác năm</a></li><li><a href="/tin-tuc/2">Thông báo lịch tiếp công dân</a></li></ul></div>
<footer>Bản quyền thuộc Cổng thông tin điện tử. Ghi rõ nguồn khi phát hành lại thông tin từ trang này.</footer>
</body>
</html>
`;
}

/** The `published` field of a JSON record, in the forms loa accepts. */
const JSON_DATES: readonly ((s: Story) => string)[] = [
  (s) => s.published.date,
  (s) => `${s.published.date}T${s.published.time}:00+07:00`,
  (s) => dmy(s.published.date, '/', true),
];

/**
 * One JSON Lines record (without the newline).
 *
 * @example JSON.parse(renderJsonRecord(story, random)).id === story.id
 */
export function renderJsonRecord(s: Story, random: Random): string {
  return JSON.stringify({
    id: s.id,
    url: s.url,
    title: s.title,
    published: random.pick(JSON_DATES)(s),
    body: [...s.paragraphs, s.credit].join('\n'),
  });
}
