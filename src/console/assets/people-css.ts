// Styles of the subscriber and content pages, served as part of /admin/assets/console.css (assets/routes.ts).
// Kept apart from the shell's stylesheet so each page group owns its rules. Colours meet 4.5:1 on white.
export const PEOPLE_CSS = `
.wrap-anywhere { overflow-wrap: anywhere; }
dl.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: .35rem 1.25rem; margin: 0 0 1rem; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
@media (max-width: 40rem) { dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: .5rem; } }
ul.tag-list { list-style: none; padding: 0; margin: 0 0 .5rem; display: flex; flex-wrap: wrap; gap: .5rem; }
ul.tag-list li { display: inline-flex; align-items: center; gap: .4rem; border: 1px solid var(--line); border-radius: 1rem; padding: .15rem .25rem .15rem .7rem; }
ul.tag-list form { margin: 0; }
button.small { margin: 0; padding: .2rem .6rem; font-size: .85rem; }
.actions { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); }
.actions section { border: 1px solid var(--line); border-radius: .5rem; padding: .25rem 1rem 1rem; }
.actions h3 { font-size: 1.05rem; margin: .75rem 0 .25rem; }
.checkbox { display: flex; gap: .6rem; align-items: flex-start; margin-top: 1rem; }
.checkbox input { width: 1.25rem; height: 1.25rem; margin: .2rem 0 0; flex: none; }
.checkbox label { margin: 0; }
details { margin-top: 1rem; }
summary { cursor: pointer; font-weight: 600; color: var(--link); }
ul.counts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
ul.findings { margin: .35rem 0 0; padding-left: 1.1rem; }
.outcome { font-weight: 600; }
.outcome-invalid, .outcome-duplicate, .error-text { color: var(--danger); font-weight: 600; }
.outcome-new, .ok-text { color: var(--ok); font-weight: 600; }
.warn-text { color: #8a4b00; font-weight: 600; }
.inbox-line { margin-bottom: 1rem; border: 1px solid var(--line); border-radius: .5rem; padding: .25rem 1rem; max-width: 40rem; }
.inbox-line p { margin: .35rem 0; }
.previews { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
.preview { margin: 0; max-width: 100%; }
.preview figcaption { font-weight: 600; margin-bottom: .35rem; }
.preview iframe { display: block; border: 1px solid var(--line); border-radius: .35rem; background: #fff; height: 70vh; max-width: 100%; }
.preview-desktop iframe { width: 600px; }
.preview-phone iframe { width: 375px; }
/* On a phone a wide table becomes one card per row, each cell labelled by its column (data-label). */
@media (max-width: 40rem) {
  table.stack, table.stack tbody { display: block; }
  /* The cards fit the phone: the sideways-scroll minimum of .table-wrap table is for unstacked tables. */
  .table-wrap table.stack { min-width: 0; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.stack tr { display: block; border: 1px solid var(--line); border-radius: .5rem; padding: .35rem .75rem; margin-bottom: .75rem; }
  table.stack td { display: block; border: 0; padding: .2rem 0; overflow-wrap: anywhere; word-break: break-word; }
  table.stack td::before { content: attr(data-label); display: block; font-size: .85rem; font-weight: 600; color: var(--muted); }
}
pre.plain-text { white-space: pre-wrap; overflow-wrap: anywhere; background: #f9fafb; border: 1px solid var(--line); border-radius: .35rem; padding: 1rem; max-height: 70vh; overflow: auto; font-size: .9rem; }
`;
