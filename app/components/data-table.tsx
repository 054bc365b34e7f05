import { useId, type ReactNode } from "react";

export interface DataColumn<Row> {
  key: string;
  header: ReactNode;
  /** A figure: the header and the cells take the `number` class (right-aligned, tabular digits). */
  numeric?: boolean;
  /** The cell that names its row, a `th scope="row"` a screen reader announces with each figure. */
  rowHeader?: boolean;
  cell: (row: Row) => ReactNode;
  /**
   * The column's name beside each cell in a `responsive` table on a phone, when the header is not plain
   * text; null for none, where the cell's own text already names it.
   */
  label?: string | null;
}

/**
 * The portal's one accessible table: a region that scrolls on its own on a narrow screen and can
 * be reached by keyboard, named by the heading above it (`labelledBy`) or else by its caption;
 * column headers with scope, and a row header where a column names the row.
 */
export function DataTable<Row>({
  labelledBy,
  caption,
  captionClassName,
  columns,
  rows,
  rowKey,
  responsive = false,
}: {
  labelledBy?: string;
  caption?: ReactNode;
  captionClassName?: string;
  columns: DataColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /**
   * A block per row on a phone, each cell after its column's name (`.responsive-table`, issue 13),
   * instead of columns behind a sideways scroll. The roles are written out, as display: block takes
   * them away in some browsers.
   */
  responsive?: boolean;
}) {
  const captionId = useId();
  const numberClass = (column: DataColumn<Row>) => (column.numeric ? "number" : undefined);
  const role = (name: string) => (responsive ? name : undefined);
  const label = (column: DataColumn<Row>) =>
    responsive && column.label !== null ? (column.label ?? (typeof column.header === "string" ? column.header : undefined)) : undefined;
  return (
    <div className="table-scroll" role="region" aria-labelledby={labelledBy ?? captionId} tabIndex={0}>
      <table className={responsive ? "responsive-table" : undefined} role={role("table")}>
        {caption !== undefined ? (
          <caption id={labelledBy ? undefined : captionId} className={captionClassName}>
            {caption}
          </caption>
        ) : null}
        <thead role={role("rowgroup")}>
          <tr role={role("row")}>
            {columns.map((column) => (
              <th scope="col" role={role("columnheader")} className={numberClass(column)} key={column.key}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role={role("rowgroup")}>
          {rows.map((row) => (
            <tr key={rowKey(row)} role={role("row")}>
              {columns.map((column) =>
                column.rowHeader ? (
                  <th scope="row" role={role("rowheader")} className={numberClass(column)} key={column.key}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td role={role("cell")} data-label={label(column)} className={numberClass(column)} key={column.key}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
