import type { Label } from './label.ts';

/** The tagset a new project starts with: the usual news entity types plus claims. */
export const DEFAULT_NEWS_TAGSET: readonly Omit<Label, 'id'>[] = [
  { name: 'Person', kind: 'entity', color: '#e15759', hotkey: '1', attributes: [] },
  { name: 'Organization', kind: 'entity', color: '#4e79a7', hotkey: '2', attributes: [] },
  { name: 'Location', kind: 'entity', color: '#59a14f', hotkey: '3', attributes: [] },
  { name: 'Money', kind: 'entity', color: '#edc948', hotkey: '4', attributes: [] },
  { name: 'Date', kind: 'entity', color: '#b07aa1', hotkey: '5', attributes: [] },
  { name: 'Event', kind: 'entity', color: '#f28e2b', hotkey: '6', attributes: [] },
  {
    name: 'Claim',
    kind: 'claim',
    color: '#76b7b2',
    hotkey: '7',
    // Stance, attribution, hedged and reported belong to each claim link (one per proposition).
    attributes: [],
  },
];
