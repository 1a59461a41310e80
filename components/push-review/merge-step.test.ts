import { describe, expect, it } from 'vitest';
import type { PushStep } from '@/lib/api/push';
import { mergeStep } from './merge-step';

const planned: PushStep[] = [
  { step: 'check-tag', status: 'planned', detail: 'must not exist yet', kind: 'check' },
  { step: 'blob sha256:a', status: 'planned', detail: 'mount', kind: 'blob', action: 'mount' },
  { step: 'index', status: 'planned', detail: 'put the index', kind: 'index' },
];

describe('mergeStep', () => {
  it('updates a step in place as it progresses, keeping the planned order', () => {
    const running = mergeStep(planned, { step: 'blob sha256:a', status: 'running', detail: 'mounting' });
    const done = mergeStep(running, { step: 'blob sha256:a', status: 'done', detail: 'copied after a 202', action: 'copy' });
    expect(done.map((s) => s.step)).toEqual(planned.map((s) => s.step));
    expect(done[1]).toEqual({ step: 'blob sha256:a', status: 'done', detail: 'copied after a 202', action: 'copy' });
    expect(planned[1]!.status).toBe('planned');
  });

  it('appends a step the plan did not have', () => {
    expect(mergeStep(planned, { step: 'record', status: 'done', detail: 'recorded' }).at(-1)?.step).toBe('record');
  });
});
