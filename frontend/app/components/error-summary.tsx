import { useEffect, useId, useRef } from 'react';
import type { FieldErrors } from '~/lib/forms';

// Without JavaScript the link just jumps; with it, the field itself gets focus too.
function focusField(event: React.MouseEvent<HTMLAnchorElement>) {
  const id = event.currentTarget.hash.slice(1);
  const field = id ? document.getElementById(id) : null;
  if (!field) return;
  event.preventDefault();
  field.scrollIntoView({ block: 'center' });
  field.focus();
}

/**
 * The "There is a problem" box at the top of a form: one link per field error, moving focus to the
 * field. It takes focus when it appears so screen reader users hear it first.
 */
export function ErrorSummary({
  errors,
  formError,
  fieldIds = {},
  title = 'There is a problem',
  children,
}: {
  errors?: FieldErrors;
  formError?: string;
  /** Field name → input id, when they differ. */
  fieldIds?: Record<string, string>;
  title?: string;
  /** More help under the list, such as a link to reset a password. */
  children?: React.ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // A page can show more than one summary (two forms on one page), so each gets its own id.
  const titleId = useId();
  const entries = Object.entries(errors ?? {});
  const show = entries.length > 0 || Boolean(formError) || Boolean(children);
  // Re-focus whenever a new set of errors arrives.
  const signature = JSON.stringify([entries, formError]);
  useEffect(() => {
    if (show) ref.current?.focus();
  }, [show, signature]);
  if (!show) return null;
  return (
    <div
      ref={ref}
      className="mb-8 border-4 border-danger bg-white p-4 md:p-6"
      aria-labelledby={titleId}
      role="alert"
      tabIndex={-1}
    >
      <h2 id={titleId} className="mb-3 text-xl">
        {title}
      </h2>
      <ul className="list-none space-y-2">
        {formError ? <li className="font-semibold text-danger">{formError}</li> : null}
        {entries.map(([field, message]) => (
          <li key={field}>
            <a className="font-semibold text-danger" href={`#${fieldIds[field] ?? field}`} onClick={focusField}>
              {message}
            </a>
          </li>
        ))}
      </ul>
      {children ? <div className="mt-3">{children}</div> : null}
    </div>
  );
}
