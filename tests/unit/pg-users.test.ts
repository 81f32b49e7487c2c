// The team server's accounts on PostgreSQL against the SQLite engine: the
// same accounts, one-time tokens, sessions and assignments answer the same
// on both, and a token is used up once on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgUserStore } from '../../electron/backend/store/pg/users.ts';
import { parityWorld, type ParityWorld } from '../support/pg-parity.ts';

let world: ParityWorld;

beforeAll(async () => {
  world = await parityWorld();
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('accounts on PostgreSQL', () => {
  it('accounts, tokens, sessions and assignments answer as on SQLite', async () => {
    const { project, client, documents } = world;
    const pgUsers = new PgUserStore(client);
    const both = async (sqlite: () => unknown, postgres: () => Promise<unknown>) => expect(await postgres()).toEqual(sqlite());
    for (const [name, role] of [['Zoë', 'annotator'], ['ana', 'curator'], ['Ben', 'admin'], ['éva', 'annotator']] as const) {
      project.users.insert(name, role, 't0');
      await pgUsers.insert(name, role, 't0');
    }
    await both(() => project.users.list(), () => pgUsers.list());
    await both(() => project.users.find('ZOË'), () => pgUsers.find('ZOË'));
    await both(() => project.users.find('nobody'), () => pgUsers.find('nobody'));
    project.users.setRole('ana', 'admin');
    await pgUsers.setRole('ana', 'admin');
    project.users.setDisabled('éva', 't1');
    await pgUsers.setDisabled('éva', 't1');
    await both(() => project.users.list(), () => pgUsers.list());

    for (const [hash, user, expires] of [['h1', 'ana', 't9'], ['h2', 'ana', 't2'], ['h3', 'éva', 't9'], ['h4', 'Ben', 't9']] as const) {
      project.users.putToken(hash, user, 't0', expires);
      await pgUsers.putToken(hash, user, 't0', expires);
    }
    // Once, unexpired, enabled account only.
    for (const hash of ['h1', 'h1', 'h2', 'h3', 'none']) await both(() => project.users.useToken(hash, 't5'), () => pgUsers.useToken(hash, 't5'));
    for (const [hash, user, expires] of [['s1', 'ana', 't9'], ['s2', 'Ben', 't3'], ['s3', 'éva', 't9'], ['s4', 'Ben', 't9']] as const) {
      project.users.putSession(hash, user, 't0', expires);
      await pgUsers.putSession(hash, user, 't0', expires);
    }
    for (const hash of ['s1', 's2', 's3', 'none']) await both(() => project.users.sessionUser(hash, 't5'), () => pgUsers.sessionUser(hash, 't5'));
    await both(() => project.users.deleteSession('s1'), () => pgUsers.deleteSession('s1'));
    await both(() => project.users.deleteSession('s1'), () => pgUsers.deleteSession('s1'));
    project.users.endAllOf('Ben');
    await pgUsers.endAllOf('Ben');
    await both(() => project.users.sessionUser('s4', 't5'), () => pgUsers.sessionUser('s4', 't5'));
    await both(() => project.users.useToken('h4', 't5'), () => pgUsers.useToken('h4', 't5'));
    project.users.purgeExpired('t5');
    await pgUsers.purgeExpired('t5');
    const rows = async (table: string) => ({
      sqlite: (project.db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]).map((r) => JSON.stringify(r)).sort(),
      pg: (await client.query(`SELECT * FROM ${table}`)).rows.map((r: Record<string, unknown>) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'seq')))).sort(),
    });
    for (const table of ['signin_tokens', 'sessions']) {
      const r = await rows(table);
      expect(r.pg).toEqual(r.sqlite);
    }

    const ids = documents.map((d) => d.id);
    await both(() => project.users.assign(ids, 'ana', 't6', false), () => pgUsers.assign(ids, 'ana', 't6', false));
    await both(() => project.users.assign(ids.slice(0, 2), 'ana', 't6', false), () => pgUsers.assign(ids.slice(0, 2), 'ana', 't6', false));
    await both(() => project.users.assign(ids.slice(1), 'Zoë', 't6', false), () => pgUsers.assign(ids.slice(1), 'Zoë', 't6', false));
    await both(() => project.users.assign([ids[0]!, 'none'], 'ana', 't6', true), () => pgUsers.assign([ids[0]!, 'none'], 'ana', 't6', true));
    await both(() => project.users.assignments(), () => pgUsers.assignments());
    await both(() => project.users.assignedTo('ana'), () => pgUsers.assignedTo('ana'));
  });
});
