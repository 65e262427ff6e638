/**
 * The one stylesheet of the site (`site/style.css`): system fonts, a readable
 * measure, tables that scroll sideways on a phone, and quotes that show the
 * marked span. Colours keep 4.5:1 contrast in light and dark schemes.
 */
export const STYLE_CSS = `:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fdfdfb; --muted: #5a5a5a; --line: #d9d9d4; --link: #0b5cad; --mark: #fff1a8; }
@media (prefers-color-scheme: dark) { :root { --fg: #ecece8; --bg: #161616; --muted: #b0b0aa; --line: #3a3a38; --link: #8cc4ff; --mark: #5c4d00; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--fg); background: var(--bg); }
header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
header nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: .75rem 0; border-bottom: 1px solid var(--line); }
header .home { font-weight: 700; }
a { color: var(--link); }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 1.25rem 0 .25rem; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
.en, .muted, small { color: var(--muted); }
.kind { color: var(--muted); margin: 0; text-transform: uppercase; font-size: .8rem; letter-spacing: .05em; }
dl.facts { display: grid; grid-template-columns: minmax(8rem, 14rem) 1fr; gap: .25rem 1rem; }
dl.facts dt { grid-column: 1; font-weight: 600; }
dl.facts dd { grid-column: 2; margin: 0; overflow-wrap: anywhere; }
@media (max-width: 36rem) { dl.facts { grid-template-columns: 1fr; } dl.facts dd { grid-column: 1; padding-left: .75rem; } }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
q { quotes: "“" "”"; }
mark { background: var(--mark); color: inherit; }
ul.sources > li, ul.statements > li { margin: .5rem 0; }
.body p { margin: .5rem 0; }
.tree ul { margin: 0; padding-left: 1.25rem; border-left: 1px solid var(--line); }
.letters { display: flex; flex-wrap: wrap; gap: .5rem; }
code { font-size: .9em; overflow-wrap: anywhere; }
footer { margin-top: 2rem; padding: 1rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }
`;
