/**
 * The filter-expression box: X-Ray's language with completion (keywords, service names, annotation keys) and
 * the parse error shown under the text at its position. The expression is applied only when it parses.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { parseFilter, suggestFilter, type FilterVocabulary } from '../../../shared/xray/filter.ts';
import { useT } from '../i18n/index.ts';

export interface FilterBoxProps {
  value: string;
  onChange: (text: string) => void;
  vocabulary: FilterVocabulary;
}

export function FilterBox({ value, onChange, vocabulary }: FilterBoxProps) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [cursor, setCursor] = useState(value.length);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const parsed = useMemo(() => parseFilter(value), [value]);
  const suggestions = useMemo(
    () => (open ? suggestFilter(value, cursor, vocabulary) : { from: cursor, items: [] }),
    [open, value, cursor, vocabulary],
  );
  const items = suggestions.items.slice(0, 12);

  const apply = (index: number) => {
    const item = items[index];
    if (!item) return;
    const next = value.slice(0, suggestions.from) + item.insert + value.slice(cursor);
    // Put the caret inside the first empty quotes of a template such as service("").
    const hole = item.insert.indexOf('""');
    const caret = suggestions.from + (hole >= 0 ? hole + 1 : item.insert.length);
    onChange(next);
    setCursor(caret);
    setActive(0);
    // Keep completing inside a fresh template's quotes; close after a finished word.
    setOpen(hole >= 0);
    requestAnimationFrame(() => input.current?.setSelectionRange(caret, caret));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!open || items.length === 0) {
      if (e.key === 'ArrowDown' || (e.key === ' ' && e.ctrlKey)) {
        setOpen(true);
        e.preventDefault();
      }
      return;
    }
    if (e.key === 'ArrowDown') setActive((a) => (a + 1) % items.length);
    else if (e.key === 'ArrowUp') setActive((a) => (a - 1 + items.length) % items.length);
    else if (e.key === 'Enter' || e.key === 'Tab') apply(active);
    else if (e.key === 'Escape') setOpen(false);
    else return;
    e.preventDefault();
  };

  const error = parsed.ok ? null : parsed.error;
  return (
    <div className="xr-filter" data-testid="xray-filter">
      <input
        ref={input}
        data-testid="xray-filter-input"
        className={error ? 'xr-filter-input xr-invalid' : 'xr-filter-input'}
        value={value}
        spellCheck={false}
        placeholder={t('xray.filter.placeholder')}
        aria-invalid={error ? true : undefined}
        aria-label={t('xray.filter.aria')}
        onChange={(e) => {
          onChange(e.target.value);
          setCursor(e.target.selectionStart ?? e.target.value.length);
          setOpen(true);
          setActive(0);
        }}
        onSelect={(e) => setCursor(e.currentTarget.selectionStart ?? value.length)}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onFocus={() => setOpen(true)}
      />
      {open && items.length > 0 && (
        <ul className="xr-suggest" role="listbox" data-testid="xray-filter-suggestions">
          {items.map((s, i) => (
            <li
              key={`${s.label}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'xr-active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                apply(i);
              }}
            >
              <span className="xr-suggest-label" translate="no">
                {s.label}
              </span>
              <span className="xr-dim">{s.detail}</span>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <div className="xr-filter-error" data-testid="xray-filter-error" role="alert">
          <code className="xr-filter-echo" translate="no">
            {value.slice(0, error.offset)}
            <mark>{value.slice(error.offset, error.offset + error.length) || ' '}</mark>
            {value.slice(error.offset + error.length)}
          </code>
          <span>{t('xray.column', { column: error.offset + 1, message: error.message })}</span>
        </div>
      )}
    </div>
  );
}
