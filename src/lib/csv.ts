// RFC 4180 CSV, small enough to read: quoted fields, doubled quotes, CRLF or LF. Export protects spreadsheets
// from formula injection (a cell starting with = + - @ is prefixed with '), and import removes that prefix
// again, so an export imports back unchanged.

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "CsvError";
  }
}

/** Rows of cells. Blank lines are skipped; a leading byte-order mark is ignored. */
export function parseCsv(input: string): { line: number; cells: string[] }[] {
  const text = input.replace(/^\uFEFF/, "");
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let afterQuote = false;
  const endRow = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === "")) rows.push({ line: rowLine, cells });
    cells = [];
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
      continue;
    }
    if (ch === ",") {
      cells.push(cell);
      cell = "";
      afterQuote = false;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRow();
      afterQuote = false;
      line++;
      rowLine = line;
    } else if (ch === '"') {
      if (cell !== "" || afterQuote)
        throw new CsvError(
          'a quote inside an unquoted field (wrap the field in quotes and double the ")',
          line,
        );
      quoted = true;
    } else {
      if (afterQuote) throw new CsvError("text after a closing quote", line);
      cell += ch;
    }
  }
  if (quoted) throw new CsvError("a quoted field is never closed", rowLine);
  if (cell !== "" || cells.length > 0) endRow();
  return rows;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: quoted when needed, and defused if a spreadsheet would run it as a formula. */
export function csvCell(value: string | null | undefined): string {
  let v = value ?? "";
  if (FORMULA_START.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Reverses the formula guard of {@link csvCell}. */
export function uncsvCell(value: string): string {
  return value.length > 1 && value[0] === "'" && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

export function csvLine(values: (string | null | undefined)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
