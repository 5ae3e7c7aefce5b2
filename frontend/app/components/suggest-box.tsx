import { useEffect, useId, useRef, useState, type ComponentProps, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { cx } from '~/lib/cx';

/** Fewer letters than this give too many matches to be useful. */
export const SUGGEST_MIN_CHARS = 2;
const DEBOUNCE_MS = 250;

export interface Suggestion {
  id: string;
  name: string;
  supplierName: string;
}

/**
 * A search box that suggests solutions as you type: the WAI-ARIA APG combobox with a listbox
 * popup ("list autocomplete"). The server renders a plain text box; only once scripts run does it
 * become a combobox, so without JavaScript it is an ordinary field of its form.
 *
 * Down and Up move through the suggestions (focus stays in the box), Enter opens the one chosen,
 * Escape closes the list; Enter with none chosen submits the form as usual.
 */
export function SuggestBox({
  id,
  name,
  defaultValue,
  source,
  hrefOf,
  className,
  ...input
}: {
  id: string;
  name: string;
  defaultValue?: string;
  /** The resource route answering `?q=` with `{ q, suggestions }`. */
  source: string;
  /** Where a suggestion leads. */
  hrefOf: (s: Suggestion) => string;
} & Omit<ComponentProps<'input'>, 'id' | 'name' | 'defaultValue' | 'type' | 'role' | 'onChange' | 'onKeyDown' | 'onBlur'>) {
  const navigate = useNavigate();
  const listId = `${id}-suggestions`;
  const statusId = useId();
  const [enhanced, setEnhanced] = useState(false);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<AbortController | null>(null);

  useEffect(() => {
    setEnhanced(true);
    return () => {
      clearTimeout(timer.current);
      pending.current?.abort();
    };
  }, []);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  const lookUp = (typed: string) => {
    clearTimeout(timer.current);
    pending.current?.abort();
    const q = typed.trim();
    if (q.length < SUGGEST_MIN_CHARS) {
      setSuggestions([]);
      setStatus('');
      close();
      return;
    }
    timer.current = setTimeout(async () => {
      const controller = new AbortController();
      pending.current = controller;
      try {
        const response = await fetch(`${source}?q=${encodeURIComponent(q)}`, { signal: controller.signal, headers: { Accept: 'application/json' } });
        if (!response.ok) return;
        const body = (await response.json()) as { q: string; suggestions: Suggestion[] };
        if (controller.signal.aborted || body.q !== q) return;
        setSuggestions(body.suggestions);
        setActive(-1);
        setOpen(body.suggestions.length > 0);
        setStatus(
          body.suggestions.length
            ? `${body.suggestions.length} suggestion${body.suggestions.length === 1 ? '' : 's'}. Use the up and down arrows to choose one, then press Enter.`
            : 'No suggestions.',
        );
      } catch {
        // Aborted by more typing, or offline: the form still works without suggestions.
      }
    }, DEBOUNCE_MS);
  };

  const choose = (s: Suggestion) => {
    close();
    navigate(hrefOf(s));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const n = suggestions.length;
    switch (event.key) {
      case 'ArrowDown':
        if (!n) return;
        event.preventDefault();
        setOpen(true);
        setActive((i) => (open ? (i + 1) % n : 0));
        break;
      case 'ArrowUp':
        if (!n) return;
        event.preventDefault();
        setOpen(true);
        setActive((i) => (open && i > 0 ? i - 1 : n - 1));
        break;
      case 'Enter':
        if (open && active >= 0 && suggestions[active]) {
          event.preventDefault();
          choose(suggestions[active]);
        }
        break;
      case 'Escape':
        if (open) {
          // Closes the list only; a second Escape clears the box as usual.
          event.preventDefault();
          close();
        }
        break;
      case 'Tab':
        close();
        break;
    }
  };

  const expanded = enhanced && open && suggestions.length > 0;
  const optionId = (i: number) => `${listId}-${i}`;
  return (
    <div className={cx('relative', className)}>
      <input
        id={id}
        name={name}
        type="search"
        defaultValue={defaultValue}
        autoComplete="off"
        className="input w-full"
        {...input}
        {...(enhanced
          ? {
              role: 'combobox',
              'aria-autocomplete': 'list',
              'aria-expanded': expanded,
              'aria-controls': listId,
              'aria-activedescendant': expanded && active >= 0 ? optionId(active) : undefined,
              onChange: (e: React.ChangeEvent<HTMLInputElement>) => lookUp(e.currentTarget.value),
              onKeyDown,
              onBlur: close,
            }
          : {})}
      />
      {enhanced ? (
        <>
          <ul
            id={listId}
            role="listbox"
            aria-label="Suggestions"
            hidden={!expanded}
            // Keep focus in the box, so the list does not close before a click on it lands.
            onMouseDown={(e) => e.preventDefault()}
            className="absolute left-0 right-0 top-full z-20 m-0 mt-1 max-h-96 list-none overflow-y-auto border-2 border-ink bg-white p-0 shadow-lg"
          >
            {suggestions.map((s, i) => (
              <li
                key={s.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                onClick={() => choose(s)}
                onMouseMove={() => setActive(i)}
                className={cx(
                  'cursor-pointer border-b border-line px-3 py-2 last:border-b-0',
                  i === active ? 'bg-brand text-white outline-2 outline-offset-[-4px] outline-focus' : 'text-ink',
                )}
              >
                <span className="block font-semibold">{s.name}</span>
                <span className={cx('block text-sm', i === active ? 'text-white' : 'text-ink-secondary')}>{s.supplierName}</span>
              </li>
            ))}
          </ul>
          <span id={statusId} role="status" className="sr-only">
            {status}
          </span>
        </>
      ) : null}
    </div>
  );
}
