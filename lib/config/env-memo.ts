/*
 * Settings readers run on every request (the proxy's checks, the sign-in gate, each route's registry access), and
 * parsing the environment each time (zod schemas, URLs, host patterns) is a measurable share of a warm request.
 * A memoized reader parses once and hands back the same result while the variables it read keep their values: it
 * records which variables the reader looked at, so no list is kept by hand, and a test that changes one of them gets
 * a fresh parse. A reader that throws is not remembered: the next call throws the same complaint again.
 */

type Env = Record<string, string | undefined>;

type Remembered<T> = { env: Env; read: ReadonlyMap<string, string | undefined>; value: T };

/** Wraps `read(env)`; results are shared, so callers treat them as read-only. */
export function memoizeOnEnv<T>(read: (env: Env) => T): (env?: Env) => T {
  let remembered: Remembered<T> | undefined;
  return (env = process.env) => {
    if (remembered && remembered.env === env && unchanged(remembered.read, env)) return remembered.value;
    const seen = new Map<string, string | undefined>();
    let enumerated = false;
    const watched = new Proxy(env, {
      // A reader that lists the variables could pick up any new one: it is never remembered.
      ownKeys(target) {
        enumerated = true;
        return Reflect.ownKeys(target);
      },
      get(target, name, receiver) {
        const value: unknown = Reflect.get(target, name, receiver);
        if (typeof name === 'string') seen.set(name, typeof value === 'string' ? value : undefined);
        return value;
      },
    });
    const value = read(watched);
    remembered = enumerated ? undefined : { env, read: seen, value };
    return value;
  };
}

function unchanged(read: ReadonlyMap<string, string | undefined>, env: Env): boolean {
  for (const [name, value] of read) if (env[name] !== value) return false;
  return true;
}
