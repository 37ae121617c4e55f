/**
 * Conformance with real executions: the corpus's LocalStack execution histories were recorded against AWS. Each
 * is paired with a LocalStack definition from the corpus (see localstack-pairing.ts), replayed with its recorded
 * input and its recorded Task results/errors as mocks, and compared state by state (path, input, output) and at
 * the end (status, error, output).
 *
 * Why some pairs differ or stop, by kind (each checked by hand on samples):
 * - the LocalStack tests rewrite templates before running them (`_tbd_` / `__tbd__` placeholders replaced by
 *   literals, Pass/Output bodies swapped per parametrised case, intrinsic-function expressions substituted), so
 *   the stored template is not what ran — the history's values then differ from the template's literals;
 * - several test cases share one template shape, so the content pairing can pick a sibling (counted as ambiguous);
 * - Map states with an ItemReader read S3 objects that are not in the history: the run stops and asks for a mock
 *   of the Map state (the TestState rule: a state that calls a service needs a mock), which is the designed
 *   behaviour for missing data, not a disagreement.
 * The floor below is the figure measured when this test was written; a change that lowers it is a regression.
 */
import { describe, expect, it } from 'vitest';
import { replayCorpus } from './localstack-pairing.ts';

describe('LocalStack parity histories (recorded against AWS)', () => {
  it('replays every pairable history and agrees on most', async () => {
    const results = await replayCorpus();
    const paired = results.filter((r) => r.outcome !== 'unpaired');
    const agree = results.filter((r) => r.outcome === 'agree');
    const stopped = results.filter((r) => r.outcome === 'stopped');
    const unambiguous = paired.filter((r) => !r.ambiguous);
    const unambiguousAgree = unambiguous.filter((r) => r.outcome === 'agree');
    console.log(
      `LocalStack histories: ${results.length} histories, ${paired.length} paired (${unambiguous.length} unambiguously), ` +
        `${agree.length} agree (${unambiguousAgree.length}/${unambiguous.length} of the unambiguous pairs), ${stopped.length} stopped for a missing mock`,
    );
    expect(results.length).toBe(590);
    expect(paired.length).toBeGreaterThanOrEqual(578);
    expect(agree.length).toBeGreaterThanOrEqual(493);
    // A stop always names the state that needs a mock.
    for (const s of stopped) expect(s.message).toMatch(/^The Task state "[^"]+" (has no mocked response|was called)/);
  });
});
