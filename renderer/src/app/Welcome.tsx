/**
 * The first tab: what Statescope does and the bundled samples to open with one click.
 */
import type { SampleInfo } from '../../../shared/contract.ts';

export function Welcome({
  samples,
  error,
  onOpen,
}: {
  samples: SampleInfo[] | null;
  error: string | null;
  onOpen: (sample: SampleInfo) => void;
}) {
  const asl = (samples ?? []).filter((s) => s.kind === 'asl');
  // Histories are drawn over the open state machine, X-Ray files open in their own tab.
  const others = (samples ?? []).filter((s) => s.kind !== 'asl');
  return (
    <div className="ss-welcome" data-testid="welcome">
      <h1>Statescope</h1>
      <p>
        Open an Amazon States Language file or a SAM/CloudFormation template (JSON or YAML), X-Ray traces, or an
        execution history (drawn over the open state machine) with <strong>Open file…</strong>, by typing a path, or
        by dropping it on the window.
      </p>
      <h2>Samples</h2>
      {error ? <p className="ss-error">Samples are unavailable: {error}</p> : null}
      {samples === null && !error ? <p className="ss-dim">Loading samples…</p> : null}
      {samples !== null && asl.length === 0 ? <p className="ss-dim">No state machine samples are installed.</p> : null}
      <ul className="ss-samples" data-testid="samples">
        {asl.map((s) => (
          <li key={s.id}>
            <button type="button" onClick={() => onOpen(s)} data-testid="sample" data-sample-id={s.id}>
              <span className="ss-sample-name">{s.name}</span>
              <span className="ss-dim">{s.description}</span>
            </button>
          </li>
        ))}
      </ul>
      {others.length > 0 ? <h2>X-Ray traces and execution histories</h2> : null}
      <ul className="ss-samples" data-testid="other-samples">
        {others.map((s) => (
          <li key={s.id}>
            <button type="button" onClick={() => onOpen(s)} data-testid="sample" data-sample-id={s.id}>
              <span className="ss-sample-name">{s.name}</span>
              <span className="ss-dim">{s.description}</span>
            </button>
          </li>
        ))}
      </ul>
      <h2>Keys</h2>
      <ul className="ss-list">
        <li>Arrow keys: move between states (Up/Down follow the transitions)</li>
        <li>Enter: details of the selected state · Escape: close</li>
        <li>Ctrl+F (⌘F): find a state by name</li>
      </ul>
    </div>
  );
}
