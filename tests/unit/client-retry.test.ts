// The app's API client sends a call again while the project's database
// cannot be reached (`unavailable`: nothing of it was stored), and gives up
// with the error after its time; other errors come back at once.
import { describe, expect, it } from 'vitest';
import { createCall } from '../../renderer/src/api/call.ts';
import type { Envelope } from '../../shared/index.ts';

function transportAnswering(answers: Envelope<unknown>[]) {
  const calls: string[] = [];
  return {
    calls,
    transport: (method: string) => {
      calls.push(method);
      return Promise.resolve(answers.shift() ?? ({ ok: false, error: { kind: 'unavailable', message: 'still down' } } as Envelope<unknown>));
    },
  };
}

const down: Envelope<unknown> = { ok: false, error: { kind: 'unavailable', message: 'postgres://db/lab: PostgreSQL cannot be reached' } };

describe('the API client while the database is unreachable', () => {
  it('sends the call again until the database answers', async () => {
    const t = transportAnswering([down, down, { ok: true, result: ['saved'] }]);
    await expect(createCall(t.transport)('documents.list', {})).resolves.toEqual(['saved']);
    expect(t.calls).toEqual(['documents.list', 'documents.list', 'documents.list']);
  });

  it('gives up with the error once its time is over', async () => {
    const t = transportAnswering([]);
    await expect(createCall(t.transport, 600)('documents.list', {})).rejects.toMatchObject({ kind: 'unavailable', message: 'still down' });
    expect(t.calls.length).toBeGreaterThan(1);
  });

  it('does not repeat other errors: a refusal, or a commit whose fate is unknown', async () => {
    for (const error of [{ kind: 'forbidden', message: 'no' }, { kind: 'internal', message: 'the connection to PostgreSQL was lost while the change was being committed' }] as const) {
      const t = transportAnswering([{ ok: false, error }]);
      await expect(createCall(t.transport)('annotations.create', {} as never)).rejects.toMatchObject(error);
      expect(t.calls).toHaveLength(1);
    }
  });
});
