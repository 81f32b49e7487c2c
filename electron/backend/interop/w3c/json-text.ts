// Small pieces for writing JSON text by hand, with JSON.stringify's exact
// output: the W3C export writes its 100,000s of Annotations as text directly
// rather than building objects that would be stringified at once.

/** A string (or any value) as JSON text. */
export const q = JSON.stringify as (value: unknown) => string;

/**
 * `,"name":value` for an object member, or '' where JSON.stringify would leave
 * the member out (an undefined value).
 */
export function member(name: string, value: unknown): string {
  const json = JSON.stringify(value) as string | undefined;
  return json === undefined ? '' : `,${q(name)}:${json}`;
}
