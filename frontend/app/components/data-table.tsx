import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways on narrow screens. The scrolling region is focusable and named by
 * the (visually hidden) caption, so keyboard and screen-reader users can reach and identify it.
 */
export function DataTable({ id, caption, children }: { id: string; caption: ReactNode; children: ReactNode }) {
  const captionId = `${id}-caption`;
  return (
    <div className="relative overflow-x-auto" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table">
        <caption id={captionId} className="sr-only">
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

export interface FigureColumn {
  label: string;
  /** Numbers are right-aligned, heading and cells alike. */
  numeric?: boolean;
}

export interface FigureRow {
  key: string;
  /** The first cell heads its row; the rest follow the columns. */
  cells: ReactNode[];
  /** data-* attributes for the row (tests and styles find rows by them). */
  data?: Record<`data-${string}`, string>;
}

/** A table of figures (the data behind a chart): one heading column, then values. */
export function FigureTable({ id, caption, columns, rows }: { id: string; caption: string; columns: FigureColumn[]; rows: FigureRow[] }) {
  const align = (i: number) => (columns[i]?.numeric ? 'text-right' : undefined);
  return (
    <DataTable id={id} caption={caption}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={c.label} scope="col" className={align(i)}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} {...r.data}>
            {r.cells.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={i} className={align(i)}>
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
