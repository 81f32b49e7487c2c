import { z } from 'zod';

/** What went wrong, in terms a transport can carry and a user can act on. */
export const ErrorKindSchema = z.enum([
  'validation', // arguments did not match the contract
  'not_found', // a referenced record does not exist
  'conflict', // the request contradicts the store's state
  'import', // a file could not be imported
  'unsupported', // a format or feature is not available
  'version', // a project file from a newer Gloss
  'unauthorized', // the local server's API was called without its access token (or, on a team server, a session)
  'forbidden', // the caller's role may not do this (a team server's annotator calling a curator's method)
  'unavailable', // the database server cannot be reached now; the change was not stored, and may be tried again
  'internal',
]);
export type ErrorKind = z.infer<typeof ErrorKindSchema>;

export const ApiErrorSchema = z.object({ kind: ErrorKindSchema, message: z.string() });
export type ApiErrorShape = z.infer<typeof ApiErrorSchema>;

/** An error that travels across every transport as `{kind, message}`. */
export class GlossError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'GlossError';
  }

  toJSON(): ApiErrorShape {
    return { kind: this.kind, message: this.message };
  }
}

/** Turns anything thrown into the wire shape. */
export function toApiError(err: unknown): ApiErrorShape {
  if (err instanceof GlossError) return err.toJSON();
  if (err instanceof z.ZodError) return { kind: 'validation', message: formatZodError(err) };
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'internal', message };
}

/** One line per issue: `path: message`. */
export function formatZodError(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`).join('; ');
}

/** The response envelope shared by HTTP and IPC. */
export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ApiErrorShape };
