import type http from 'node:http';

/**
 * The bytes held by all request bodies in flight together, so that parallel
 * uploads cannot exhaust memory (each is also held to a per-request limit).
 */
export class BodyBudget {
  #used = 0;
  constructor(readonly limit: number) {}

  get used(): number {
    return this.#used;
  }

  /** Reserves `n` bytes; false, reserving nothing, when they do not fit. */
  take(n: number): boolean {
    if (this.#used + n > this.limit) return false;
    this.#used += n;
    return true;
  }

  give(n: number): void {
    this.#used -= n;
  }
}

export type BodyOutcome =
  /** `release` returns its reservation to the budget once the bytes are no longer held (else the response's end does). */
  | { kind: 'body'; bytes: Buffer; release: () => void }
  /** Not read: too large (413) or no room in the shared budget now (503). */
  | { kind: 'refused'; status: 413 | 503; message: string }
  /** The client went away before sending all of it; there is nobody to answer. */
  | { kind: 'aborted' };

export interface BodyLimits {
  maxBytes: number;
  budget: BodyBudget;
}

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/**
 * Reads a request body within the limits. A declared Content-Length is checked
 * and reserved before any byte is read; a chunked body reserves as it arrives.
 * The reservation is returned by the body's `release`, or when the response
 * closes (finished or cut off), whichever comes first.
 */
export function readBody(req: http.IncomingMessage, res: http.ServerResponse, limits: BodyLimits): Promise<BodyOutcome> {
  let reserved = 0;
  const release = () => {
    limits.budget.give(reserved);
    reserved = 0;
  };
  res.once('close', release);
  const tooLarge = { kind: 'refused', status: 413, message: `request body larger than ${mb(limits.maxBytes)} (send fewer files at once)` } as const;
  const busy = {
    kind: 'refused',
    status: 503,
    message: `the server is already receiving ${mb(limits.budget.used)} of request bodies (its limit is ${mb(limits.budget.limit)}); try again when they are done`,
  } as const;

  return new Promise((resolve) => {
    // Node's parser has already refused a malformed Content-Length, or one sent with chunked encoding.
    const header = req.headers['content-length'];
    const declared = header === undefined ? undefined : Number(header);
    if (declared !== undefined) {
      if (declared > limits.maxBytes) return resolve(tooLarge);
      if (!limits.budget.take(declared)) return resolve(busy);
      reserved = declared;
    }
    // A declared length is read straight into one buffer (its pages are committed only as bytes arrive),
    // so the body is never held twice, as chunks and as their concatenation.
    const whole = declared === undefined ? undefined : Buffer.allocUnsafe(declared);
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: BodyOutcome) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      chunks.length = 0;
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > limits.maxBytes) return settle(tooLarge);
      if (whole) {
        chunk.copy(whole, size);
      } else {
        if (!limits.budget.take(chunk.length)) return settle(busy);
        reserved += chunk.length;
        chunks.push(chunk);
      }
      size += chunk.length;
    };
    req.on('data', onData);
    req.once('end', () => settle({ kind: 'body', bytes: whole ? whole.subarray(0, size) : Buffer.concat(chunks, size), release }));
    req.once('error', () => settle({ kind: 'aborted' }));
    req.once('close', () => {
      if (!req.complete) settle({ kind: 'aborted' });
    });
  });
}
