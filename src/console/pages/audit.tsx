/** @jsxImportSource hono/jsx */
// The audit log as a table: when (UTC), who, what, which target (linked where the console has a page for it);
// on a phone, one card per entry (a stacked table).
import type { Context } from "hono";
import type { AuditRow } from "../../audit/list.ts";
import { type Column, DataTable } from "../components/data-table.tsx";
import type { ConsoleEnv } from "../env.ts";
import { ConsoleLayout, shell } from "../layout.tsx";

const TARGET_PAGES: Record<string, string> = {
  campaign: "/admin/campaigns/",
  subscriber: "/admin/subscribers/",
};

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

function Who({ row }: { row: AuditRow }) {
  if (row.actorKind === "api-token") return <span>Admin API token</span>;
  return (
    <span>
      {row.actorName ?? "(unknown account)"}
      {row.actorRole ? <span class="muted"> ({row.actorRole})</span> : null}
    </span>
  );
}

function Target({ row }: { row: AuditRow }) {
  if (!row.targetKind) return <span class="muted">—</span>;
  // No id: a subscriber since erased (the id was removed with them), or a request that created the target.
  if (!row.targetId)
    return <span>{row.detail.erased === true ? `${row.targetKind} (erased)` : row.targetKind}</span>;
  const base = TARGET_PAGES[row.targetKind];
  return (
    <span>
      {row.targetKind}{" "}
      {base ? (
        <a href={`${base}${row.targetId}`}>
          <code>{row.targetId}</code>
        </a>
      ) : (
        <code>{row.targetId}</code>
      )}
    </span>
  );
}

const COLUMNS: Column<AuditRow>[] = [
  { header: "When", cell: (row) => when(row.at) },
  { header: "Who", cell: (row) => <Who row={row} /> },
  { header: "What", mobileLabel: "Action", cell: (row) => <code>{row.action}</code> },
  { header: "Target", cell: (row) => <Target row={row} /> },
  {
    header: "Detail",
    // A dash, as for no target: on a phone an empty cell would leave its label over nothing.
    cell: (row) =>
      Object.keys(row.detail).length > 0 ? (
        <code>{JSON.stringify(row.detail)}</code>
      ) : (
        <span class="muted">—</span>
      ),
  },
];

export function AuditPage(props: {
  c: Context<ConsoleEnv>;
  rows: AuditRow[];
  next?: string | undefined;
  paged: boolean;
}) {
  const { rows } = props;
  return (
    <ConsoleLayout {...shell(props.c)} title="Audit log" section="audit">
      <h1>Audit log</h1>
      <p>
        Every change made through the console or the admin API, newest first. Targets are ids; addresses are
        never written here.
      </p>
      <DataTable
        stack
        caption="Audit log entries, newest first"
        columns={COLUMNS}
        rows={rows}
        rowKey={(row) => row.id}
        empty={<p>Nothing recorded yet.</p>}
      />
      <nav class="pager" aria-label="Audit log pages">
        {props.paged ? <a href="/admin/audit">Newest entries</a> : null}
        {props.next ? (
          <a href={`/admin/audit?before=${encodeURIComponent(props.next)}`}>Older entries</a>
        ) : null}
      </nav>
    </ConsoleLayout>
  );
}
