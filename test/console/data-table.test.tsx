/** @jsxImportSource hono/jsx */
// The console's shared data table: header cells with scope, the hidden caption, one row per item, the mobile
// labels of a stacked table (header, or the column's own label), column classes, aria-labelledby, and the empty
// state.
import { describe, expect, it } from "vitest";
import { type Column, DataTable } from "../../src/console/components/data-table.tsx";

type Item = { id: string; name: string; count: number };

const items: Item[] = [
  { id: "a", name: "Alpha", count: 1 },
  { id: "b", name: "Beta <b>", count: 20 },
];

const columns: Column<Item>[] = [
  { header: "Name", cell: (i) => <a href={`/x/${i.id}`}>{i.name}</a> },
  { header: "Count of things", mobileLabel: "Count", class: "num", cell: (i) => String(i.count) },
];

const html = (node: unknown) => String(node);

describe("DataTable", () => {
  it("renders a header cell with scope=col per column and a row per item, cells in column order", () => {
    const out = html(<DataTable columns={columns} rows={items} rowKey={(i) => i.id} />);
    expect(out.startsWith('<div class="table-wrap"><table>')).toBe(true);
    expect(out).toContain(
      '<thead><tr><th scope="col">Name</th><th scope="col">Count of things</th></tr></thead>',
    );
    expect(out).toContain(
      '<tbody><tr><td><a href="/x/a">Alpha</a></td><td class="num">1</td></tr>' +
        '<tr><td><a href="/x/b">Beta &lt;b&gt;</a></td><td class="num">20</td></tr></tbody>',
    );
    // Not stacked: no mobile labels, no caption.
    expect(out).not.toContain("data-label");
    expect(out).not.toContain("<caption");
  });

  it("adds a visually hidden caption when given one", () => {
    const out = html(
      <DataTable caption="Things, newest first" columns={columns} rows={items} rowKey={(i) => i.id} />,
    );
    expect(out).toContain('<table><caption class="visually-hidden">Things, newest first</caption><thead>');
  });

  it("names the table by a visible heading's id when given one", () => {
    const out = html(
      <DataTable stack labelledBy="rows" columns={columns} rows={items} rowKey={(i) => i.id} />,
    );
    expect(out).toContain('<table class="stack" aria-labelledby="rows"><thead>');
  });

  it("labels every cell of a stacked table by its column: the header, or the column's mobile label", () => {
    const out = html(<DataTable stack columns={columns} rows={items} rowKey={(i) => i.id} />);
    expect(out).toContain('<table class="stack">');
    expect(out).toContain('<td data-label="Name"><a href="/x/a">Alpha</a></td>');
    expect(out).toContain('<td data-label="Count" class="num">20</td>');
    expect(out.match(/data-label=/g)).toHaveLength(4);
    // The header keeps its full text; only the phone label is shorter.
    expect(out).toContain('<th scope="col">Count of things</th>');
  });

  it("shows the empty state instead of the table when there are no rows, and nothing without one", () => {
    const empty = html(
      <DataTable
        columns={columns}
        rows={[]}
        rowKey={(i) => i.id}
        empty={<p class="muted">Nothing yet.</p>}
      />,
    );
    expect(empty).toBe('<p class="muted">Nothing yet.</p>');
    expect(html(<DataTable columns={columns} rows={[]} rowKey={(i) => i.id} />)).toBe("");
  });
});
