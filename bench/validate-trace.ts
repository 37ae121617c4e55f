/**
 * `bench/asl-open-trace.ts --validate`: the page's main-thread work that the host validation request of a new tab
 * causes. The page's `fetch` is wrapped (before the traced open) to put two marks in the trace: `validate-send`
 * when `asl.validate` is called, `validate-answer` when its answer's body has been read. The trace then runs on
 * until the answer has been handled and painted (a quiet second after it), and the tasks of the thread that sent the
 * request are split into the one that sent it and those from the answer on.
 */
import type { Page } from 'playwright';
import { poll } from './browser.ts';
import { nestedIn, topLevelByThread, type TraceEvent } from './trace-events.ts';

/** Wraps the page's `fetch` so the validation request and its answer leave marks in the trace. */
export async function armValidateMarks(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__validateShown = undefined;
    const real = window.fetch;
    window.fetch = function (input, init) {
      const call = real.call(this, input, init);
      if (!String(input).includes('/api/call/asl.validate') || window.__validateSent) return call;
      window.__validateSent = true;
      performance.mark('validate-send');
      return call.then((response) => {
        const text = response.text.bind(response);
        response.text = async () => {
          const body = await text();
          performance.mark('validate-answer');
          // A quiet second after the answer, then one more frame: its handling and painting are in the trace.
          setTimeout(() => requestAnimationFrame(() => setTimeout(() => {
            window.__validateShown = {
              bytes: body.length,
              problems: document.querySelector('[data-testid="problems-strip"] button')?.textContent ?? '(none shown)',
            };
          }, 0)), 1000);
          return body;
        };
        return response;
      });
    };
  })()`);
}

export interface ValidateShown {
  bytes: number;
  problems: string;
}

/** Waits until the page has shown the validation answer (up to 3 minutes: the host validates 9 MB slowly). */
export async function waitValidateShown(page: Page): Promise<ValidateShown> {
  return await poll<ValidateShown>(page, 'window.__validateShown', 180_000);
}

const ms = (us: number) => (us / 1000).toFixed(1);

/** What ran inside a task: its largest nested events (≥ 1 ms), by wall time. */
function inside(events: readonly TraceEvent[], task: TraceEvent): string {
  return nestedIn(events, task, 1000, 8)
    .map((c) => `${c.name} ${ms(c.dur!)}`)
    .join(', ');
}

const cpu = (e: TraceEvent) => e.tdur ?? e.dur!;

/**
 * Prints the sending task and the answer's tasks of the page's main thread with their CPU (thread) time; returns
 * the two spans (µs, the trace's clock) for the sampled profile of each.
 */
export function printValidateTasks(
  events: readonly TraceEvent[],
  shown: ValidateShown,
): { send: [number, number]; answer: [number, number] } {
  const send = events.find((e) => e.name === 'validate-send');
  const answer = events.find((e) => e.name === 'validate-answer');
  if (!send || !answer) throw new Error('the validation marks are not in the trace');
  const thread = `${send.pid}:${send.tid}`;
  const tasks = topLevelByThread(events, (k) => k === thread).get(thread) ?? [];
  const sender = tasks.find((e) => e.ts <= send.ts && send.ts <= e.ts + e.dur!);
  const answerFrom = tasks.find((e) => e.ts <= answer.ts && answer.ts <= e.ts + e.dur!)?.ts ?? answer.ts;
  const after = tasks.filter((e) => e.ts >= answerFrom);
  const end = after.length ? after[after.length - 1]!.ts + after[after.length - 1]!.dur! : answer.ts;
  console.log(
    `\nvalidation: answer ${shown.bytes} bytes, ${(answer.ts - send.ts) / 1e6} s after the request; problems strip: ${shown.problems}`,
  );
  if (sender)
    console.log(`  sending task: ${ms(sender.dur!)} ms (cpu ${ms(cpu(sender))})  [${inside(events, sender)}]`);
  // The request's own later work, if any (the browser reading the body): the sender's thread in the next second.
  const sentEnd = sender ? sender.ts + sender.dur! : send.ts;
  const next = tasks.filter((e) => e.ts >= sentEnd && e.ts < sentEnd + 1e6 && e.ts < answerFrom);
  console.log(`  the second after it: ${next.length} tasks, cpu ${ms(next.reduce((a, e) => a + cpu(e), 0))} ms`);
  const total = after.reduce((a, e) => a + cpu(e), 0);
  console.log(`  from the answer on: ${after.length} tasks, cpu ${ms(total)} ms; those ≥ 2 ms:`);
  for (const e of after.filter((t) => t.dur! >= 2000))
    console.log(
      `    +${ms(e.ts - answer.ts).padStart(7)}  ${ms(e.dur!).padStart(6)} ms (cpu ${ms(cpu(e))})  ${e.name}  [${inside(events, e)}]`,
    );
  console.log(
    `VALIDATE-CPU send ${sender ? ms(cpu(sender)) : '?'} ms, answer ${ms(total)} ms, sum ${ms((sender ? cpu(sender) : 0) + total)} ms`,
  );
  return {
    send: sender ? [sender.ts, sender.ts + sender.dur!] : [send.ts, send.ts],
    answer: [answerFrom, end],
  };
}
