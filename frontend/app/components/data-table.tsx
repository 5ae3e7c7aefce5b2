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
