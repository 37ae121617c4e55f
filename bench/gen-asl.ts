/**
 * Deterministic synthetic state machines for the benchmarks: Task states with Retry and Catch, Choice with rules
 * and Default, Wait, Pass, Parallel and Map (ItemProcessor), nested to depth 3. Every generated machine is valid
 * ASL (checked by the benchmark before it measures anything).
 */
import { seededRandom as rng } from './rng.ts';

type State = Record<string, unknown>;
interface Scope {
  StartAt: string;
  States: Record<string, State>;
}

/** Generates a valid state machine of exactly `total` states (nested ones included). */
export function generateAsl(
  total: number,
  seed = 42,
): { StartAt: string; States: Record<string, State>; Comment: string } {
  const random = rng(seed);
  let counter = 0;
  const name = (kind: string) => `${kind} ${String(++counter).padStart(5, '0')}`;

  /** Fills one scope with `budget` states (>= 2) and returns it. */
  function scope(budget: number, depth: number): Scope {
    const states: Record<string, State> = {};
    const order: string[] = [];
    // Every scope gets an error handler pair: Pass -> Fail. Two states.
    const handler = name('Handle Error');
    const fail = name('Failed');
    let remaining = budget - 2;
    const chain: { entry: string; link: (next: string | null) => void }[] = [];

    const add = (n: string, s: State) => {
      states[n] = s;
      order.push(n);
    };

    while (remaining > 0) {
      const r = random();
      if (remaining >= 10 && depth < 3 && r < 0.08) {
        // Parallel with 2 branches.
        const inner = Math.min(remaining - 1, 4 + Math.floor(random() * 20));
        const a = Math.max(2, Math.floor(inner / 2));
        const b = Math.max(2, inner - a);
        const n = name('Parallel');
        const st: State = {
          Type: 'Parallel',
          Branches: [scope(a, depth + 1), scope(b, depth + 1)],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: handler }],
        };
        add(n, st);
        remaining -= 1 + a + b;
        chain.push({ entry: n, link: (next) => (next ? (st.Next = next) : (st.End = true)) });
      } else if (remaining >= 6 && depth < 3 && r < 0.14) {
        const inner = Math.min(remaining - 1, 3 + Math.floor(random() * 12));
        const n = name('Map');
        const st: State = {
          Type: 'Map',
          ItemsPath: '$.items',
          MaxConcurrency: 10,
          ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, ...scope(inner, depth + 1) },
          Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 2, BackoffRate: 2 }],
        };
        add(n, st);
        remaining -= 1 + inner;
        chain.push({ entry: n, link: (next) => (next ? (st.Next = next) : (st.End = true)) });
      } else if (remaining >= 3 && r < 0.24) {
        // Choice with two rule arms (Pass states) and a Default arm, re-joining at the next block.
        const n = name('Choice');
        const armA = name('Arm');
        const armB = name('Arm');
        const a: State = { Type: 'Pass' };
        const b: State = { Type: 'Pass' };
        add(n, {
          Type: 'Choice',
          Choices: [
            {
              And: [
                { Variable: '$.total', NumericGreaterThan: 1000 },
                { Variable: '$.valid', BooleanEquals: true },
              ],
              Next: armA,
            },
            { Variable: '$.kind', StringEquals: 'retry', Next: armB },
          ],
          Default: armB,
        });
        add(armA, a);
        add(armB, b);
        remaining -= 3;
        chain.push({
          entry: n,
          link: (next) => {
            for (const s of [a, b]) {
              if (next) s.Next = next;
              else s.End = true;
            }
          },
        });
      } else if (r < 0.32) {
        const n = name('Wait');
        const st: State = { Type: 'Wait', Seconds: 5 };
        add(n, st);
        remaining -= 1;
        chain.push({ entry: n, link: (next) => (next ? (st.Next = next) : (st.End = true)) });
      } else if (r < 0.45) {
        const n = name('Pass');
        const st: State = { Type: 'Pass', Result: { ok: true }, ResultPath: '$.pass' };
        add(n, st);
        remaining -= 1;
        chain.push({ entry: n, link: (next) => (next ? (st.Next = next) : (st.End = true)) });
      } else {
        const n = name('Task');
        const st: State = {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:work', 'Payload.$': '$' },
          TimeoutSeconds: 30,
          Retry: [
            {
              ErrorEquals: ['Lambda.TooManyRequestsException'],
              IntervalSeconds: 1,
              MaxAttempts: 3,
              BackoffRate: 2,
              JitterStrategy: 'FULL',
            },
          ],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: handler }],
        };
        add(n, st);
        remaining -= 1;
        chain.push({ entry: n, link: (next) => (next ? (st.Next = next) : (st.End = true)) });
      }
    }
    // The handler must be reachable; when no Catch in this scope points at it, the last block flows into it.
    const handlerUsed = JSON.stringify(order.map((n) => states[n])).includes(JSON.stringify(handler));
    for (let i = 0; i < chain.length; i++) {
      const last = i + 1 === chain.length;
      chain[i].link(!last ? chain[i + 1].entry : handlerUsed ? null : handler);
    }
    states[handler] = { Type: 'Pass', Next: fail };
    states[fail] = { Type: 'Fail', Error: 'Generated.Failure', Cause: 'A task failed' };
    if (chain.length === 0) {
      return { StartAt: handler, States: states };
    }
    return { StartAt: chain[0].entry, States: states };
  }

  const top = scope(total, 0);
  return { Comment: `Generated benchmark machine with ${total} states`, ...top };
}

/** Counts every state, nested ones included: the benchmark checks the generator hit its target. */
export function countStates(definition: { States?: Record<string, State> }): number {
  let n = 0;
  for (const st of Object.values(definition.States ?? {})) {
    n++;
    const branches = (st.Branches as Scope[] | undefined) ?? [];
    for (const b of branches) n += countStates(b);
    const proc = (st.ItemProcessor ?? st.Iterator) as Scope | undefined;
    if (proc) n += countStates(proc);
  }
  return n;
}
