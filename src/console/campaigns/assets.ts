// The campaign pages' first-party stylesheet and scripts, served by the console's asset route (/admin/assets/NAME).
// Each script is progressive enhancement: every form works without it.

export const CAMPAIGNS_CSS = `
.crumbs { margin: 0 0 .5rem; }
.status-line { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.badge { display: inline-block; padding: .1rem .6rem; border-radius: 1rem; border: 1px solid var(--line); font-size: .9rem; font-weight: 600; }
.badge.sent, .badge.review-approved { border-color: var(--ok); color: var(--ok); }
.badge.review-returned, .badge.failed, .badge.cancelled { border-color: var(--danger); color: var(--danger); }
.workspace { display: grid; gap: 1.5rem; grid-template-columns: minmax(0, 1fr); }
@media (min-width: 64rem) { .workspace { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
.panel { border-top: 1px solid var(--line); margin-top: 1.5rem; padding-top: .5rem; }
.editor textarea { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .95rem; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; }
.notice.warn { border-left-color: var(--focus); background: #fff7ed; }
.findings ul { padding-left: 1.1rem; }
.finding { margin: .35rem 0; }
.finding-error strong { color: var(--danger); }
.finding-warning strong { color: #92400e; }
.inbox { border: 1px solid var(--line); border-radius: .5rem; padding: .6rem .8rem; }
.inbox p { margin: 0; }
.inbox-from { font-weight: 700; }
.inbox-subject { font-weight: 600; }
.inbox-preheader { color: var(--muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
iframe { display: block; border: 1px solid var(--line); border-radius: .35rem; background: #fff; }
.frame-desktop { width: 100%; height: 34rem; }
.frame-phone { width: 375px; max-width: 100%; height: 40rem; }
.plain-text { white-space: pre-wrap; overflow-wrap: anywhere; background: #f9fafb; border: 1px solid var(--line); border-radius: .35rem; padding: .75rem; max-height: 28rem; overflow: auto; font-size: .9rem; }
progress { width: 100%; height: 1.5rem; }
fieldset { border: 1px solid var(--line); border-radius: .35rem; margin: 1rem 0; padding: .5rem 1rem 1rem; }
legend { font-weight: 700; padding: 0 .3rem; }
.history { padding-left: 1.2rem; }
.history blockquote { margin: .25rem 0 .5rem; padding-left: .75rem; border-left: 3px solid var(--line); }
.review-actions { display: grid; gap: 1rem; }
.facts dt { font-weight: 700; margin-top: .5rem; }
.facts dd { margin: 0; white-space: pre-wrap; }
.confirm-count { font-size: 1.15rem; }
.report td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
.report th .meaning { display: block; font-weight: 400; color: var(--muted); font-size: .9rem; }
.report th { color: var(--ink); font-size: 1rem; }
.chart { margin: 0; max-width: 48rem; color: var(--ink); overflow-x: auto; }
.chart svg { min-width: 34rem; }
.local-time { color: var(--muted); }
`;

export const EDITOR_SCRIPT = `(function () {
  var csrf = document.querySelector('meta[name="csrf-token"]');
  if (!csrf || !window.fetch || !window.URLSearchParams || !window.FormData) return;
  var token = csrf.getAttribute("content");
  function debounce(fn, ms) { var t; return function () { clearTimeout(t); t = setTimeout(fn, ms); }; }
  function text(id, value) { var el = document.getElementById(id); if (el) el.textContent = value; }

  var form = document.getElementById("campaign-editor");
  if (form) {
    var seq = 0;
    var toFrame = function (name) {
      var action = form.getAttribute("action"), target = form.getAttribute("target");
      form.setAttribute("action", "/admin/campaigns/preview");
      form.setAttribute("target", name);
      HTMLFormElement.prototype.submit.call(form);
      form.setAttribute("action", action);
      if (target === null) form.removeAttribute("target"); else form.setAttribute("target", target);
    };
    var render = function (data) {
      text("preview-subject", data.subject || "(no subject yet)");
      text("preview-preheader", data.preheader || "");
      text("preview-text", data.text || "(Nothing to show until the body and author are set.)");
      var list = document.getElementById("findings-list");
      if (list) {
        list.textContent = "";
        data.findings.forEach(function (f) {
          var li = document.createElement("li");
          li.className = "finding finding-" + f.severity;
          var b = document.createElement("strong");
          b.textContent = f.severity === "error" ? "Error" : "Warning";
          li.appendChild(b);
          li.appendChild(document.createTextNode(" \\u00b7 " + f.where + ": " + f.message + " "));
          var s = document.createElement("span");
          s.className = "muted";
          s.textContent = "(" + f.ruleId + "; " + f.source + ")";
          li.appendChild(s);
          list.appendChild(li);
        });
      }
      text("findings-summary", data.findings.length === 0 ? "No findings." :
        data.errors + " error(s), " + data.warnings + " warning(s).");
    };
    var refresh = debounce(function () {
      var mine = ++seq;
      fetch("/admin/campaigns/preview.json", {
        method: "POST",
        credentials: "same-origin",
        headers: { "x-csrf-token": token, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: new URLSearchParams(new FormData(form)).toString()
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
        if (data && mine === seq) render(data);
      }).catch(function () {});
      // One submission per frame, a moment apart: a form's second submit in the same task replaces the first.
      toFrame("preview-desktop");
      setTimeout(function () { toFrame("preview-phone"); }, 60);
    }, 700);
    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
  }

  var audience = document.getElementById("audience-form");
  if (audience) {
    var count = debounce(function () {
      var q = new URLSearchParams();
      ["tags", "locales", "countries"].forEach(function (n) {
        var el = audience.elements.namedItem(n);
        if (el && el.value) q.set(n, el.value);
      });
      fetch(audience.getAttribute("data-count-url") + "?" + q.toString(), { credentials: "same-origin", headers: { accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data) text("audience-count", data.count.toLocaleString("en-US")); })
        .catch(function () {});
    }, 400);
    audience.addEventListener("input", count);
  }
})();
`;

export const PROGRESS_SCRIPT = `(function () {
  var box = document.getElementById("progress");
  if (!box || !window.fetch) return;
  var url = box.getAttribute("data-progress-url");
  var status = box.getAttribute("data-status");
  var live = { scheduled: 1, sending: 1, paused: 1 };
  if (!live[status]) return;
  var bar = document.getElementById("progress-bar");
  function set(id, value) { var el = document.getElementById(id); if (el) el.textContent = value; }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return setTimeout(poll, 5000);
        var p = data.progress;
        if (bar) { bar.max = Math.max(p.audience, 1); bar.value = Math.min(p.sent, bar.max); bar.textContent = p.percent + "%"; }
        set("progress-text", data.text);
        set("progress-finish", data.finish);
        if (p.status !== status) {
          status = p.status;
          box.setAttribute("data-status", status);
          var el = document.getElementById("progress-status");
          if (el) {
            el.textContent = "Status: " + status + ". ";
            if (status === "sent") {
              var a = document.createElement("a");
              a.href = url.replace(/progress\\.json$/, "report");
              a.textContent = "See the report";
              el.appendChild(a);
            }
          }
        }
        if (live[status]) setTimeout(poll, 2000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
`;

export const LOCAL_TIME_SCRIPT = `(function () {
  if (typeof Intl !== "object" || !Intl.DateTimeFormat) return;
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone || zone === "UTC" || zone === "Etc/UTC") return;
  var format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short", timeZone: zone });
  var times = document.querySelectorAll("time[data-local]");
  for (var i = 0; i < times.length; i++) {
    var t = times[i];
    var d = new Date(t.getAttribute("datetime"));
    if (isNaN(d.getTime())) continue;
    var span = document.createElement("span");
    span.className = "local-time";
    span.textContent = " (" + format.format(d) + " in " + zone + ")";
    t.parentNode.insertBefore(span, t.nextSibling);
  }
  var inputs = document.querySelectorAll("input[data-browser-zone]");
  for (var j = 0; j < inputs.length; j++) if (inputs[j].value === "UTC") inputs[j].value = zone;
})();
`;
