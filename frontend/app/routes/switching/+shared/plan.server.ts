import { data } from 'react-router';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The plan id from the URL, or the 404 page. */
export function planId(params: { id?: string }): string {
  if (!params.id || !UUID.test(params.id)) throw data({ message: 'There is no switch plan with that id.' }, { status: 404 });
  return params.id;
}
