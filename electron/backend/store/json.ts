/** Parses a JSON column written by this store. */
export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** The current time as stored: ISO 8601 in UTC. */
export function nowIso(): string {
  return new Date().toISOString();
}
