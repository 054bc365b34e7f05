import { useId, type ReactNode } from "react";

export interface DataColumn<Row> {
  key: string;
  header: ReactNode;
  /** A figure: the header and the cells take the `number` class (right-aligned, tabular digits). */
  numeric?: boolean;
  /** The cell that names its row, a `th scope="row"` a screen reader announces with each figure. */
  rowHeader?: boolean;
  cell: (row: Row) => ReactNode;
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
}: {
  labelledBy?: string;
  caption?: ReactNode;
  captionClassName?: string;
  columns: DataColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
}) {
  const captionId = useId();
  const numberClass = (column: DataColumn<Row>) => (column.numeric ? "number" : undefined);
  return (
    <div className="table-scroll" role="region" aria-labelledby={labelledBy ?? captionId} tabIndex={0}>
      <table>
        {caption !== undefined ? (
          <caption id={labelledBy ? undefined : captionId} className={captionClassName}>
            {caption}
          </caption>
        ) : null}
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" className={numberClass(column)} key={column.key}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) =>
                column.rowHeader ? (
                  <th scope="row" className={numberClass(column)} key={column.key}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td className={numberClass(column)} key={column.key}>
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
