import 'server-only';

/*
 * Something a registry client finds out once and then knows (the scheme a registry speaks, the credentials for it),
 * kept as a value rather than as the promise that found it. Under Next every promise carries the async context it
 * was made in, which is the whole HTTP request that asked first (its store, response and gzip stream): a client that
 * kept its settled promises kept that request for as long as the client lived.
 */
export class FoundOnce<T> {
  private found: { value: T } | undefined;
  private finding: Promise<T> | undefined;

  /** `find` runs again after a failure: what was down may come up, a config being fixed needs no restart. */
  constructor(private readonly find: () => Promise<T>) {}

  /** The value, finding it first if nobody has; callers arriving meanwhile share the one search. */
  get(): Promise<T> {
    if (this.found) return Promise.resolve(this.found.value);
    this.finding ??= this.find().then(
      (value) => {
        this.found = { value };
        this.finding = undefined;
        return value;
      },
      (err: unknown) => {
        this.finding = undefined;
        throw err;
      },
    );
    return this.finding;
  }
}
