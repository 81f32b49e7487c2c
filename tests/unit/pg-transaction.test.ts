// inTransaction on a real PostgreSQL: all or nothing on a pool and on a
// client, one client for the whole of the work, and nesting as SQLite's
// writeTransaction nests (a savepoint: the inner failure undoes the inner part).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../electron/backend/store/pg/transaction.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';

let server: TestPostgres;
let pool: pg.Pool;
let client: pg.Client;

beforeAll(async () => {
  server = await startPostgres();
  pool = new pg.Pool({ connectionString: server.url, max: 4 });
  client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await client.query('CREATE TABLE t (n integer PRIMARY KEY)');
}, 60_000);

afterAll(async () => {
  await client?.end();
  await pool?.end();
  await server?.stop();
});

const count = async () => (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows[0]!.n;

describe('inTransaction', () => {
  it('on a pool, stores all of the work or none, on one client', async () => {
    await client.query('DELETE FROM t');
    const pids = new Set<number>();
    await inTransaction(pool, async (tx) => {
      for (let n = 1; n <= 3; n++) {
        await tx.query('INSERT INTO t VALUES ($1)', [n]);
        pids.add((await tx.query<{ p: number }>('SELECT pg_backend_pid() AS p')).rows[0]!.p);
      }
    });
    expect(pids.size).toBe(1);
    expect(await count()).toBe(3);
    await expect(
      inTransaction(pool, async (tx) => {
        await tx.query('INSERT INTO t VALUES (4)');
        await tx.query('INSERT INTO t VALUES (1)');
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await count()).toBe(3);
    // The client went back to the pool.
    expect(pool.idleCount).toBeGreaterThan(0);
  });

  it('on a client, begins one; inside one, nests as a savepoint', async () => {
    await client.query('DELETE FROM t');
    await expect(
      inTransaction(client, async (tx) => {
        await tx.query('INSERT INTO t VALUES (10)');
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await count()).toBe(0);
    await inTransaction(client, async (outer) => {
      await outer.query('INSERT INTO t VALUES (11)');
      await expect(
        inTransaction(outer, async (inner) => {
          await inner.query('INSERT INTO t VALUES (12)');
          await inner.query('INSERT INTO t VALUES (11)');
        }),
      ).rejects.toMatchObject({ code: '23505' });
      // The inner part is undone; the outer transaction goes on.
      await outer.query('INSERT INTO t VALUES (13)');
    });
    expect((await client.query<{ n: number }>('SELECT n FROM t ORDER BY n')).rows.map((r) => r.n)).toEqual([11, 13]);
  });

  it('joins a transaction the caller began itself', async () => {
    await client.query('DELETE FROM t');
    await client.query('BEGIN');
    await inTransaction(client, async (tx) => {
      await tx.query('INSERT INTO t VALUES (20)');
    });
    await client.query('ROLLBACK');
    // Had inTransaction committed on its own, the row would have stayed.
    expect(await count()).toBe(0);
  });
});
