import { useEffect, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { parseForm, type FieldErrors, type FormResult } from './forms';

/**
 * Field errors for a form: checked in the browser with the action's own zod schema before
 * posting (saving a round trip), and otherwise those the action returned. Without JavaScript the
 * action's check is the only one, with the same messages.
 */
export function useFormErrors(schema: z.ZodType, result: FormResult | undefined) {
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  useEffect(() => setClientErrors(null), [result]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const parsed = parseForm(schema, new FormData(event.currentTarget));
    if (parsed.success) {
      setClientErrors(null);
    } else {
      event.preventDefault();
      setClientErrors(parsed.errors);
    }
  };
  return {
    errors: clientErrors ?? result?.errors ?? {},
    formError: clientErrors ? undefined : result?.formError,
    onSubmit,
  };
}
