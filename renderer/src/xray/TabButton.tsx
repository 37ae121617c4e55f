/** One tab of the X-Ray views' tab strips (Traces / Service map, Timeline / Trace map). */
import type { ReactNode } from 'react';

export interface TabButtonProps {
  selected: boolean;
  /** The strip's look: `xr-tab` (workspace views) or `xr-button` (trace views). */
  look: 'xr-tab' | 'xr-button';
  testId: string;
  onSelect: () => void;
  children: ReactNode;
}

export function TabButton({ selected, look, testId, onSelect, children }: TabButtonProps) {
  return (
    <button
      role="tab"
      aria-selected={selected}
      className={selected ? `${look} xr-active` : look}
      data-testid={testId}
      onClick={onSelect}
    >
      {children}
    </button>
  );
}
