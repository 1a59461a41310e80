import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { auditStore, closeAuditStores, type AuditStore, type RecordedManifest } from './log';
import { reviseLateLanding, settlePending } from './settle';
import { TagLockTimeout } from './store';
import { withTagLock } from './tag-lock';
import { targetKeyOf } from './target-key';

/*
 * The audit store's contract, run against both stores: lib/audit/sqlite-store.test.ts (unit) and
 * test/integration/postgres-store.test.ts (a real PostgreSQL). The caller points the environment at a fresh
 * database; `otherReplica` opens a second store on the same database when the store spans processes.
 */

export type StoreSuiteOptions = {
  /** A second store over the same database, as another replica would open it; absent for the embedded store. */
  otherReplica?: () => AuditStore;
};

const manifest = (name: string): RecordedManifest => {
  // Odd whitespace on purpose: the log must give back the bytes, not a re-serialisation.
  const bytes = new TextEncoder().encode(`{ "schemaVersion":2,\n  "name": "${name}" }`);
  return { digest: `sha256:${name.padEnd(64, '0')}`, mediaType: 'application/vnd.oci.image.index.v1+json', bytes };
};

let targetCount = 0;
/** Each test writes its own tags, so tests never see each other's rows in a shared database. */
const freshTarget = () => `r/t${++targetCount}-${Date.now()}:1`;

export function describeAuditStore(name: string, options: StoreSuiteOptions = {}): void {
  describe(`audit store: ${name}`, () => {
    let store: AuditStore;
    beforeEach(() => {
      store = auditStore();
    });
    afterAll(() => closeAuditStores());

    it('records a push as pending, then settles it', async () => {
      const target = freshTarget();
      const id = await store.begin({ user: 'ann', action: 'push', target, before: null, after: manifest('a1') });
      expect((await store.history(target)).map((e) => [e.id, e.state])).toEqual([[id, 'pending']]);
      expect(await store.pending(target)).toEqual([expect.objectContaining({ id, target, after: manifest('a1').digest })]);
      await store.settle(id, 'completed');
      expect((await store.history(target))[0]?.state).toBe('completed');
      expect(await store.pending(target)).toEqual([]);
    });

    it('lets the push’s own outcome override a settlement, but settles by reading only what is pending', async () => {
      const target = freshTarget();
      const id = await store.begin({ user: 'ann', action: 'push', target, before: null, after: manifest('a1') });
      expect(await store.settleIfPending(id, 'failed')).toBe(true);
      expect(await store.settleIfPending(id, 'completed')).toBe(false);
      expect((await store.history(target))[0]?.state).toBe('failed');
      await store.settle(id, 'completed');
      expect((await store.history(target))[0]?.state).toBe('completed');
    });

    it('lists a tag’s pushes newest first, and only that tag’s', async () => {
      const [a, b] = [freshTarget(), freshTarget()];
      const a1 = manifest('a1');
      const a2 = manifest('a2');
      await store.begin({ user: 'ann', action: 'push', target: a, before: null, after: a1, at: new Date('2026-01-01T00:00:00Z') });
      await store.begin({ user: 'bob', action: 'push', target: b, before: null, after: manifest('b1') });
      await store.begin({ user: 'bob', action: 'revert', target: a, before: a1, after: a2 });
      const entries = await store.history(a);
      expect(entries.map((e) => [e.user, e.action, e.before, e.after, e.mediaType])).toEqual([
        ['bob', 'revert', a1.digest, a2.digest, a2.mediaType],
        ['ann', 'push', null, a1.digest, a1.mediaType],
      ]);
      expect(entries[1]?.at).toBe('2026-01-01T00:00:00.000Z');
      expect(await store.history(freshTarget())).toEqual([]);
      const pendingIds = (await store.pending()).map((p) => p.id);
      expect(pendingIds).toEqual([...pendingIds].sort((x, y) => x - y));
    });

    it('gives back the exact bytes of a digest seen before or after a push', async () => {
      const target = freshTarget();
      const a1 = manifest('a1');
      const a2 = manifest('a2');
      await store.begin({ user: 'ann', action: 'push', target, before: a1, after: a2 });
      expect((await store.findManifest(target, a1.digest))?.bytes).toEqual(a1.bytes);
      expect(await store.findManifest(target, a2.digest)).toEqual(a2);
      expect(await store.findManifest(freshTarget(), a2.digest)).toBeNull();
      expect(await store.findManifest(target, manifest('zz').digest)).toBeNull();
    });

    it('files a push under its tag whatever the spelling: history, pending and revert find it by any other', async () => {
      const name = `spelt${++targetCount}-${Date.now()}`;
      const typed = `127.0.0.1:5000/team/${name}:1`;
      const a1 = manifest('a1');
      const a2 = manifest('a2');
      const id = await store.begin({ user: 'ann', action: 'push', target: typed, before: a1, after: a2 });
      for (const spelling of [`localhost:5000/team/${name}:1`, `LOCALHOST:05000/team/${name}:1`, `[::1]:5000/team/${name}:1`, typed]) {
        // Each entry keeps the target as it was typed.
        expect((await store.history(spelling)).map((e) => [e.id, e.target])).toEqual([[id, typed]]);
        expect((await store.pending(spelling)).map((p) => [p.id, p.target])).toEqual([[id, typed]]);
        expect((await store.findManifest(spelling, a1.digest))?.bytes).toEqual(a1.bytes);
      }
      // Another port, repository or tag is another tag.
      expect(await store.history(`localhost:5001/team/${name}:1`)).toEqual([]);
      expect(await store.history(`localhost:5000/team/${name}:2`)).toEqual([]);
      expect(await store.findManifest(`localhost:5000/other/${name}:1`, a1.digest)).toBeNull();
      // Docker Hub: the short name and the full one are one tag.
      const hub = await store.begin({ user: 'ann', action: 'push', target: `${name}:1`, before: null, after: a1 });
      expect((await store.history(`docker.io/library/${name}:1`)).map((e) => e.id)).toEqual([hub]);
      expect((await store.history(`index.docker.io/library/${name}:1`)).map((e) => e.id)).toEqual([hub]);
    });

    it('keeps its rows when reopened', async () => {
      const target = freshTarget();
      await store.begin({ user: 'ann', action: 'push', target, before: null, after: manifest('a1') });
      await closeAuditStores();
      expect(await auditStore().history(target)).toHaveLength(1);
    });

    it('settles pending records by reading the tag, leaving alone a tag whose push is running', async () => {
      const [landed, lost, busy, movedOn, unreadable] = [freshTarget(), freshTarget(), freshTarget(), freshTarget(), freshTarget()];
      const ids = {
        landed: await store.begin({ user: 'ann', action: 'push', target: landed, before: null, after: manifest('l1') }),
        lost: await store.begin({ user: 'ann', action: 'push', target: lost, before: null, after: manifest('x1') }),
        busy: await store.begin({ user: 'ann', action: 'push', target: busy, before: null, after: manifest('b1') }),
        movedOn: await store.begin({ user: 'ann', action: 'push', target: movedOn, before: null, after: manifest('m1') }),
        unreadable: await store.begin({ user: 'ann', action: 'push', target: unreadable, before: null, after: manifest('u1') }),
      };
      // A later push started from m1 and completed: m1 must have landed even though the tag holds m2 now.
      await store.settle(await store.begin({ user: 'bob', action: 'push', target: movedOn, before: manifest('m1'), after: manifest('m2') }), 'completed');
      const tags: Record<string, string | null> = { [landed]: manifest('l1').digest, [lost]: null, [busy]: null, [movedOn]: manifest('m2').digest };
      let release!: () => void;
      const running = withTagLock(targetKeyOf(busy), () => new Promise<void>((resolve) => (release = resolve)));
      await new Promise((resolve) => setTimeout(resolve, 50));

      const settled = await settlePending({
        readTag: async (target) => {
          if (target === unreadable) throw new Error('registry unreachable');
          return tags[target] ?? null;
        },
      });
      release();
      await running;

      const stateOf = async (target: string, id: number) => (await store.history(target)).find((e) => e.id === id)?.state;
      expect(await stateOf(landed, ids.landed)).toBe('completed');
      expect(await stateOf(lost, ids.lost)).toBe('failed');
      expect(await stateOf(busy, ids.busy)).toBe('pending');
      expect(await stateOf(movedOn, ids.movedOn)).toBe('completed');
      expect(await stateOf(unreadable, ids.unreadable)).toBe('pending');
      expect(settled).toBeGreaterThanOrEqual(3);
    });

    it('revises a newest record that failed when its tag holds the digest it pushed (a PUT stored after its answer was lost)', async () => {
      const [late, lost, older] = [freshTarget(), freshTarget(), freshTarget()];
      const lateId = await store.begin({ user: 'ann', action: 'push', target: late, before: null, after: manifest('n1') });
      await store.settle(lateId, 'failed');
      const lostId = await store.begin({ user: 'ann', action: 'push', target: lost, before: null, after: manifest('o1') });
      await store.settle(lostId, 'failed');
      // An older failure under a newer completed push: the tag holding the old digest says nothing of the old push.
      const olderId = await store.begin({ user: 'ann', action: 'push', target: older, before: null, after: manifest('p1') });
      await store.settle(olderId, 'failed');
      await store.settle(await store.begin({ user: 'bob', action: 'push', target: older, before: null, after: manifest('p2') }), 'completed');
      const tags: Record<string, string | null> = { [late]: manifest('n1').digest, [lost]: null, [older]: manifest('p1').digest };
      const readTag = async (target: string) => tags[target] ?? null;

      const newestOf = async (target: string) => (await store.history(target))[0];
      expect(await reviseLateLanding(await newestOf(late), readTag)).toBe(true);
      expect(await reviseLateLanding(await newestOf(lost), readTag)).toBe(false);
      expect(await reviseLateLanding(await newestOf(older), readTag)).toBe(false);
      const stateOf = async (target: string, id: number) => (await store.history(target)).find((e) => e.id === id)?.state;
      expect(await stateOf(late, lateId)).toBe('completed');
      expect(await stateOf(lost, lostId)).toBe('failed');
      expect(await stateOf(older, olderId)).toBe('failed');
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    const { otherReplica } = options;
    if (otherReplica) {
      it('holds a tag’s lock across replicas: the other waits, then runs; a try gives up at once', async () => {
        const other = otherReplica();
        try {
          const key = `lock ${freshTarget()}`;
          const order: string[] = [];
          let release!: () => void;
          const first = store.withTagLock(key, 10_000, async () => {
            order.push('first in');
            await new Promise<void>((resolve) => (release = resolve));
            order.push('first out');
          });
          await new Promise((resolve) => setTimeout(resolve, 100));
          expect(await other.ifTagFree(key, async () => 'ran')).toBeUndefined();
          const second = other.withTagLock(key, 10_000, async () => void order.push('second'));
          await new Promise((resolve) => setTimeout(resolve, 100));
          release();
          await Promise.all([first, second]);
          expect(order).toEqual(['first in', 'first out', 'second']);
          expect(await other.ifTagFree(key, async () => 'ran')).toBe('ran');
        } finally {
          await other.close();
        }
      });

      it('gives up waiting for a tag’s lock after the timeout, with TagLockTimeout', async () => {
        const other = otherReplica();
        try {
          const key = `lock ${freshTarget()}`;
          let release!: () => void;
          const holder = store.withTagLock(key, 10_000, () => new Promise<void>((resolve) => (release = resolve)));
          await new Promise((resolve) => setTimeout(resolve, 100));
          await expect(other.withTagLock(key, 200, async () => 'never')).rejects.toBeInstanceOf(TagLockTimeout);
          release();
          await holder;
          await expect(other.withTagLock(key, 200, async () => 'now')).resolves.toBe('now');
        } finally {
          await other.close();
        }
      });
    }
  });
}
