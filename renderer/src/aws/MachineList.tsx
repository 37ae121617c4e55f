/** The Step Functions tab's machine list: search, type filter, Refresh, and one row per machine. */
import type { MachineType } from '../../../shared/sfn/aws-types.ts';
import { filteredMachines } from './store.ts';
import { SlotStatus, type PanelContext } from './common.tsx';

/** At most this many rows are drawn; the rest asks for a narrower search. */
export const MAX_ROWS = 500;

const MACHINE_TYPES: readonly MachineType[] = ['STANDARD', 'EXPRESS'];

/** The rows, or why there are none. */
function Machines({ ctx }: { ctx: PanelContext }) {
  const { state, effects, t } = ctx;
  const machines = state.loads.machines;
  if (machines.state !== 'done') return null;
  if (machines.data.length === 0) return <p className="aws-empty">{t('aws.noMachines')}</p>;
  const filtered = filteredMachines(state);
  if (filtered.length === 0) return <p className="aws-empty">{t('aws.noMatch')}</p>;
  return (
    <ul className="aws-list" aria-label={t('aws.tab.sfn')}>
      {filtered.slice(0, MAX_ROWS).map((m) => (
        <li key={m.stateMachineArn}>
          <button
            type="button"
            className={`aws-item${state.selected?.stateMachineArn === m.stateMachineArn ? ' aws-selected' : ''}`}
            title={m.stateMachineArn}
            onClick={() => effects.selectMachine(m)}
          >
            <span className="aws-name">{m.name}</span>
            {m.type ? <span className="aws-type">{m.type}</span> : null}
          </button>
        </li>
      ))}
      {filtered.length > MAX_ROWS ? (
        <li className="aws-empty">{t('aws.moreMachines', { n: filtered.length - MAX_ROWS })}</li>
      ) : null}
    </ul>
  );
}

export function MachineList({ ctx }: { ctx: PanelContext }) {
  const { state, effects, t } = ctx;
  const { form } = state;
  return (
    <>
      <div className="aws-row">
        <input
          className="aws-grow"
          value={form.search}
          onChange={(e) => effects.dispatch({ type: 'edit', field: 'search', value: e.target.value })}
          placeholder={t('aws.searchMachines')}
          aria-label={t('aws.searchMachines')}
          type="search"
        />
        <select
          value={form.machineType}
          aria-label={t('aws.allTypes')}
          onChange={(e) => {
            effects.dispatch({ type: 'edit', field: 'machineType', value: e.target.value as '' | MachineType });
            effects.fetchMachines();
          }}
        >
          <option value="">{t('aws.allTypes')}</option>
          {MACHINE_TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {ty}
            </option>
          ))}
        </select>
        <button type="button" className="aws-button" onClick={() => effects.fetchMachines()}>
          {t('aws.refresh')}
        </button>
      </div>
      <SlotStatus ctx={ctx} slot="machines" />
      <Machines ctx={ctx} />
    </>
  );
}
