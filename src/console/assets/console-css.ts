// The console's one stylesheet, served from our origin at /admin/assets/console.css (the console's CSP allows
// styles from 'self' only: no inline styles, no style attributes). A module, not a file read at request time,
// so Node and Workers serve the same bytes. Colours meet 4.5:1 on their backgrounds (WCAG AA).
export const CONSOLE_CSS = `
:root { color-scheme: light; --ink: #1f2933; --muted: #4b5563; --brand: #12355b; --link: #0b5394;
  --line: #d1d5db; --bg: #f4f5f2; --surface: #fff; --focus: #b45309; --danger: #b3261e; --ok: #166534; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -10000px; top: 0; }
.skip:focus { left: 1rem; top: .5rem; background: var(--surface); padding: .5rem 1rem; z-index: 10; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.topbar { background: var(--brand); color: #fff; }
.topbar-inner { max-width: 72rem; margin: 0 auto; padding: .75rem 1rem; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; justify-content: space-between; }
.brand { margin: 0; font-weight: 700; font-size: 1.05rem; }
.brand a { color: #fff; text-decoration: none; }
.whoami { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; font-size: .95rem; }
.whoami form { margin: 0; }
.whoami button { margin: 0; padding: .35rem .9rem; background: #fff; color: var(--brand); }
.whoami button:hover { background: #e5e7eb; }
nav.sections { background: var(--surface); border-bottom: 1px solid var(--line); }
nav.sections ul { max-width: 72rem; margin: 0 auto; padding: 0 1rem; list-style: none; display: flex; flex-wrap: wrap; gap: 0 1.25rem; }
nav.sections a { display: inline-block; padding: .65rem 0; text-decoration: none; font-weight: 600; border-bottom: 3px solid transparent; }
nav.sections a:hover { border-bottom-color: var(--line); }
nav.sections a[aria-current=page] { color: var(--ink); border-bottom-color: var(--brand); }
main { max-width: 72rem; margin: 1.25rem auto; padding: 1.25rem 1rem; background: var(--surface); border-radius: .5rem; }
main.narrow { max-width: 32rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
p { margin: .5rem 0 1rem; }
.muted, .hint { color: var(--muted); }
.hint { font-size: .92rem; margin: .2rem 0 0; }
label { display: block; font-weight: 600; margin-top: 1rem; }
input[type=email], input[type=text], input[type=search], input[type=datetime-local], select, textarea {
  width: 100%; font: inherit; padding: .55rem; margin-top: .3rem; border: 2px solid var(--muted); border-radius: .35rem; background: #fff; color: inherit; }
textarea { min-height: 10rem; }
button, .button { display: inline-block; font: inherit; font-weight: 700; margin-top: 1rem; padding: .6rem 1.2rem; border: 0; border-radius: .35rem;
  background: var(--link); color: #fff; cursor: pointer; text-decoration: none; }
button:hover, .button:hover { background: #083d6e; }
button.secondary { background: #fff; color: var(--link); border: 2px solid var(--link); }
button.danger { background: var(--danger); }
button.danger:hover { background: #8c1d17; }
.error { color: var(--danger); font-weight: 600; margin: .3rem 0 0; }
/* As specific as input[type=text] and later, so it wins for every kind of field, not only select and textarea. */
input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"] { border-color: var(--danger); }
.error-summary { border: 3px solid var(--danger); padding: .75rem 1rem; margin-bottom: 1.25rem; border-radius: .35rem; }
.error-summary h2 { margin: 0 0 .5rem; font-size: 1.1rem; }
.notice { border-left: 4px solid var(--ok); background: #f0fdf4; padding: .6rem 1rem; margin-bottom: 1rem; }
.cards { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); }
.cards li { border: 1px solid var(--line); border-radius: .5rem; padding: 1rem; }
.cards h2 { margin: 0 0 .35rem; font-size: 1.1rem; }
.cards p { margin: 0; }
.table-wrap { overflow-x: auto; }
/* On a phone the table scrolls sideways rather than breaking ids and actions into one letter per line. */
.table-wrap table { min-width: 44rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .5rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .9rem; color: var(--muted); }
td form { margin: 0; display: inline-flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
td form button, td form select { margin: 0; width: auto; }
.inline-fields { display: flex; flex-wrap: wrap; gap: 0 1rem; }
.inline-fields > div { flex: 1 1 12rem; }
.pager { display: flex; gap: 1rem; margin-top: 1rem; }
code { font-size: .9em; background: #f3f4f6; padding: 0 .2rem; border-radius: .2rem; overflow-wrap: anywhere; }
ul.people { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; }
li.person { border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem 1rem; }
li.person h3 { margin: 0; font-size: 1.1rem; }
li.person .muted { margin: .2rem 0 .5rem; overflow-wrap: anywhere; }
.person-actions { display: grid; gap: .75rem 1.5rem; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); align-items: end; }
.person-actions form { margin: 0; }
.person-actions label { margin-top: 0; }
.person-actions button { margin-top: .5rem; }
details summary { cursor: pointer; color: var(--danger); font-weight: 600; padding: .4rem 0; }
details p { margin: .4rem 0; }
footer.console-footer { max-width: 72rem; margin: 0 auto 2rem; padding: 0 1rem; color: var(--muted); font-size: .9rem; }
`;
