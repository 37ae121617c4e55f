/**
 * The left pane of the Traces view: the response-time histogram (drag to filter), the group-by choice, and the
 * trace list or its groups.
 */
import type { FilterVocabulary } from '../../../shared/xray/filter.ts';
import { ResponseTimeHistogram } from './ResponseTimeHistogram.tsx';
import { TraceGroups } from './TraceGroups.tsx';
import { TraceList } from './TraceList.tsx';
import type { GroupKey, TraceRow } from './view-model.ts';
import { useT } from '../i18n/index.ts';

export interface ListPaneProps {
  rows: readonly TraceRow[];
  selectedId?: string;
  onSelect: (row: TraceRow) => void;
  vocabulary: FilterVocabulary;
  groupBy: GroupKey | '';
  onGroupBy: (key: GroupKey | '') => void;
  /** A response-time range dragged on the histogram. */
  onRange: (fromMs: number, toMs: number) => void;
  /** A group chosen: its filter expression. */
  onChoose: (expression: string) => void;
}

export function ListPane({
  rows,
  selectedId,
  onSelect,
  vocabulary,
  groupBy,
  onGroupBy,
  onRange,
  onChoose,
}: ListPaneProps) {
  const t = useT();
  return (
    <div className="xr-list-pane">
      <div className="xr-list-tools">
        <ResponseTimeHistogram rows={rows} onRange={onRange} />
        <label>
          {t('xray.groupBy')}{' '}
          <select
            data-testid="xray-group-by"
            value={groupBy}
            onChange={(e) => onGroupBy(e.target.value as GroupKey | '')}
          >
            <option value="">{t('xray.group.none')}</option>
            <option value="url">{t('xray.group.url')}</option>
            <option value="status">{t('xray.group.status')}</option>
            <option value="root">{t('xray.group.root')}</option>
            {(vocabulary.annotationKeys ?? []).map((k) => (
              <option key={k} value={`annotation:${k}`}>
                {t('xray.group.annotation', { key: k })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {groupBy ? (
        <TraceGroups rows={rows} by={groupBy} onChoose={onChoose} />
      ) : (
        <TraceList rows={rows} selectedId={selectedId} onSelect={onSelect} />
      )}
    </div>
  );
}
