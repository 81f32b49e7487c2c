import { useId, useRef, type ReactNode } from 'react';

export interface TabSpec<T extends string> {
  id: T;
  name: ReactNode;
}

interface Props<T extends string> {
  /** The tab list's accessible name. */
  label: string;
  tabs: readonly TabSpec<T>[];
  selected: T;
  onSelect(id: T): void;
  /** The selected tab's panel. */
  children: ReactNode;
  className?: string;
}

/**
 * Tabs after the WAI-ARIA tabs pattern: one tab stop for the whole list
 * (the selected tab), Left/Right (and Home/End) move between tabs and select
 * them, the panel is labelled by its tab and is itself focusable.
 */
export function Tabs<T extends string>({ label, tabs, selected, onSelect, children, className }: Props<T>) {
  const base = useId();
  const list = useRef<HTMLDivElement>(null);
  const tabId = (id: T) => `${base}-tab-${id}`;
  const panelId = `${base}-panel`;
  const move = (to: number) => {
    const t = tabs[(to + tabs.length) % tabs.length]!;
    onSelect(t.id);
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(t.id))}`)?.focus();
  };
  const at = tabs.findIndex((t) => t.id === selected);
  return (
    <>
      <div
        ref={list}
        className="gl-tabs"
        role="tablist"
        aria-label={label}
        onKeyDown={(e) => {
          const key = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[e.key];
          if (key === undefined) return;
          e.preventDefault();
          move(key);
        }}
      >
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={tabId(t.id)}
            aria-selected={t.id === selected}
            aria-controls={t.id === selected ? panelId : undefined}
            tabIndex={t.id === selected ? 0 : -1}
            onClick={() => onSelect(t.id)}
          >
            {t.name}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(selected)} className={className} tabIndex={0}>
        {children}
      </div>
    </>
  );
}
