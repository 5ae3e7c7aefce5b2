import type { ComponentProps, ReactNode } from 'react';
import { cx } from '~/lib/cx';

interface FieldProps {
  name: string;
  /** Defaults to the name; set it when a page has two forms with the same field. */
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

/** A field's error line (id `<id>-error`, for aria-describedby); nothing when there is no error. */
export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="mb-2 font-bold text-danger">
      <span className="sr-only">Error: </span>
      {error}
    </p>
  );
}

function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  if (!hint) return null;
  return (
    <div id={`${id}-hint`} className="mb-2 text-ink-secondary">
      {hint}
    </div>
  );
}

/** Label, hint and error above a control, with the error bar: the same for every labelled field. */
function LabelledField({ id, label, hint, error, children }: { id: string; label: ReactNode; hint?: ReactNode; error?: string; children: ReactNode }) {
  return (
    <div className={cx('mb-6', error && 'border-l-4 border-danger pl-4')}>
      <label htmlFor={id} className="mb-1 block font-bold">
        {label}
      </label>
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      {children}
    </div>
  );
}

/** The accessibility attributes that tie a control to its hint and error. */
function described(id: string, hint: unknown, error: unknown) {
  return { 'aria-describedby': describedBy(id, hint, error), 'aria-invalid': error ? true : undefined } as const;
}

export function TextField({
  name,
  id = name,
  label,
  hint,
  error,
  className,
  ...input
}: FieldProps & Omit<ComponentProps<'input'>, 'name' | 'id'>) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        name={name}
        type="text"
        className={cx('input', error && 'input-error', className)}
        {...described(id, hint, error)}
        {...input}
      />
    </LabelledField>
  );
}

export function SelectField({
  name,
  id = name,
  label,
  hint,
  error,
  options,
  className,
  ...select
}: FieldProps & { options: { value: string; label: string }[] } & Omit<ComponentProps<'select'>, 'name' | 'id'>) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        name={name}
        className={cx('input h-10 w-auto max-w-full', error && 'input-error', className)}
        {...described(id, hint, error)}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

export function CheckboxField({
  name,
  id = name,
  label,
  hint,
  error,
  ...input
}: FieldProps & Omit<ComponentProps<'input'>, 'name' | 'id' | 'type'>) {
  return (
    <div className={cx('mb-6', error && 'border-l-4 border-danger pl-4')}>
      <FieldError id={id} error={error} />
      <div className="flex items-start gap-3">
        <input
          id={id}
          name={name}
          type="checkbox"
          className="mt-0.5 h-8 w-8 shrink-0 cursor-pointer accent-brand"
          {...described(id, hint, error)}
          {...input}
        />
        <div>
          <label htmlFor={id} className="block cursor-pointer pt-1 font-bold">
            {label}
          </label>
          <Hint id={id} hint={hint} />
        </div>
      </div>
    </div>
  );
}

export function TextAreaField({
  name,
  id = name,
  label,
  hint,
  error,
  className,
  rows = 5,
  ...textarea
}: FieldProps & Omit<ComponentProps<'textarea'>, 'name' | 'id'>) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        className={cx('input max-w-3xl', error && 'input-error', className)}
        {...described(id, hint, error)}
        {...textarea}
      />
    </LabelledField>
  );
}
