/** @jsxImportSource hono/jsx */
// The console's one data table (campaigns, audit log, subscribers, a person's consents and emails): header cells
// with scope="col", one row per item, and a scrolling wrapper so a wide table never widens the page. A stacked
// table (`stack`) turns into one card per row on a phone, each cell labelled by its column through data-label
// (the CSS is in assets/people-css.ts); the labels come from the same column list as the headers, so the two
// cannot drift apart.
import type { Child } from "hono/jsx";

export type Column<Row> = {
  header: string;
  cell: (row: Row) => Child;
  /** What a stacked table shows above the cell on a phone, where it differs from the header. */
  mobileLabel?: string;
  /** A class on every cell of the column, e.g. wrap-anywhere for long unbroken text. */
  class?: string;
};

export type DataTableProps<Row> = {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** For screen readers only: the page's heading already names the table for everyone else. */
  caption?: string;
  /** The id of a visible heading that names the table, instead of a caption. */
  labelledBy?: string;
  stack?: boolean;
  /** Shown instead of the table when there are no rows (nothing at all by default). */
  empty?: Child;
};

export function DataTable<Row>(props: DataTableProps<Row>) {
  if (props.rows.length === 0) return <>{props.empty ?? null}</>;
  return (
    <div class="table-wrap">
      <table class={props.stack ? "stack" : undefined} aria-labelledby={props.labelledBy}>
        {props.caption ? <caption class="visually-hidden">{props.caption}</caption> : null}
        <thead>
          <tr>
            {props.columns.map((col) => (
              <th key={col.header} scope="col">
                {col.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={props.rowKey(row)}>
              {props.columns.map((col) => (
                <td
                  key={col.header}
                  data-label={props.stack ? (col.mobileLabel ?? col.header) : undefined}
                  class={col.class}
                >
                  {col.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
