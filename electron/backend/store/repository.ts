/**
 * A repository's interface on every engine: the SQLite engine's class with
 * each method asynchronous. The PostgreSQL repositories implement
 * `Async<ThatClass>` (or a part of it while the engine is being built), so the
 * compiler keeps the two engines' signatures the same.
 */
export type Async<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};
