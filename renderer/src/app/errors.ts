import { GlossError } from '../../../shared/index.ts';

/** A message for the user from anything thrown. */
export function messageOf(err: unknown): string {
  if (err instanceof GlossError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
