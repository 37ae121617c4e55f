/**
 * The trace list grouped by URL, status code, root service or an annotation's value, with each group's traces,
 * outcomes and average response time; choosing a group applies the filter expression that selects it.
 */
import { formatMs, groupRows, type GroupKey, type TraceRow } from './view-model.ts';
import { useT } from '../i18n/index.ts';

export interface TraceGroupsProps {
  rows: readonly TraceRow[];
  by: GroupKey;
  onChoose: (expression: string) => void;
}

export function TraceGroups({ rows, by, onChoose }: TraceGroupsProps) {
  const t = useT();
  const groups = groupRows(rows, by);
  return (
    <div className="xr-groups" data-testid="xray-groups" role="table">
      <div className="xr-group-row xr-head" role="row">
        <span role="columnheader">{t('xray.groups.group')}</span>
        <span role="columnheader">{t('xray.groups.traces')}</span>
        <span role="columnheader">{t('xray.outcome.ok')}</span>
        <span role="columnheader">{t('xray.outcome.error')}</span>
        <span role="columnheader">{t('xray.outcome.throttle')}</span>
        <span role="columnheader">{t('xray.outcome.fault')}</span>
        <span role="columnheader">{t('xray.groups.avg')}</span>
      </div>
      {groups.map((g) => (
        <button
          key={g.expression}
          className="xr-group-row"
          role="row"
          data-testid="xray-group-row"
          title={g.expression}
          onClick={() => onChoose(g.expression)}
        >
          <span className="xr-group-label" translate="no">
            {g.label}
          </span>
          <span className="xr-num">{g.count}</span>
          <span className="xr-num">{g.ok}</span>
          <span className="xr-num">{g.errors}</span>
          <span className="xr-num">{g.throttles}</span>
          <span className="xr-num">{g.faults}</span>
          <span className="xr-num">{g.avgResponseMs === undefined ? '–' : formatMs(g.avgResponseMs)}</span>
        </button>
      ))}
    </div>
  );
}
