import type { ReactNode } from 'react';
import type { Annotation, Label, Suggestion } from '../../../shared/index.ts';
import { Tabs } from '../common/Tabs.tsx';
import type { History } from '../undo/history.ts';
import { NeedsReview } from '../versions/NeedsReview.tsx';
import { AnnotationList } from './AnnotationList.tsx';
import { EntitiesTab } from './EntitiesTab.tsx';
import { useAccess } from '../team/access.tsx';
import { HistoryTab } from './HistoryTab.tsx';
import type { SuggestionReview } from './plugins/suggestionPlugin.ts';
import { PropositionsTab } from './PropositionsTab.tsx';
import { SuggestionsTab } from './SuggestionsTab.tsx';
import type { ResearchData } from './useResearch.ts';

export type SideTab = 'annotations' | 'entities' | 'propositions' | 'suggestions' | 'history';

interface Props {
  tab: SideTab;
  onTab(tab: SideTab): void;
  documentId: string;
  /** The document's annotations in text order. */
  annotations: Annotation[];
  /** Which annotators' layers are shown (team annotation), above the annotation list. */
  layerFilter?: ReactNode;
  /** The document's text, for sentence context. */
  text: string;
  labels: ReadonlyMap<string, Label>;
  selected: string | null;
  research: ResearchData;
  history: History;
  reloadResearch(): Promise<void>;
  /** Counts reloads of the document (a new version was saved): the review list reloads too. */
  revision?: number;
  review: SuggestionReview;
  /** Scroll to an annotation and open its editor. */
  onActivate(id: string): void;
  onOpenEntity(entityId: string): void;
  suggestions: {
    start(): void;
    stop(): void;
    focus(index: number): void;
    accept(list: readonly Suggestion[]): void;
    reject(s: Suggestion): void;
  };
}

/** The reader's side panel: annotations, entities, propositions, suggestions and the document's history, as ARIA tabs. */
export function ReaderSidePanel(p: Props) {
  // The change log shows every annotator's work: a team server's annotators (blind to others' layers) have no History tab.
  const showHistory = useAccess().can('history.document');
  return (
    <Tabs
      label="Side panel"
      className="gl-tabpanel"
      selected={p.tab}
      onSelect={p.onTab}
      tabs={[
        { id: 'annotations', name: `Annotations (${p.annotations.length})` },
        { id: 'entities', name: 'Entities' },
        { id: 'propositions', name: 'Propositions' },
        { id: 'suggestions', name: 'Suggestions' },
        ...(showHistory ? [{ id: 'history' as const, name: 'History' }] : []),
      ]}
    >
      {p.tab === 'annotations' && (
        <>
          {p.layerFilter}
          <AnnotationList annotations={p.annotations} text={p.text} labels={p.labels} selected={p.selected} onActivate={p.onActivate} />
          <NeedsReview documentId={p.documentId} labels={[...p.labels.values()]} history={p.history} revision={p.revision ?? 0} onShow={p.onActivate} />
        </>
      )}
      {p.tab === 'entities' && (
        <EntitiesTab
          annotations={p.annotations}
          entityByAnnotation={p.research.entityByAnnotation}
          entities={p.research.entities}
          onOpenEntity={p.onOpenEntity}
          onActivate={p.onActivate}
        />
      )}
      {p.tab === 'propositions' && (
        <PropositionsTab
          documentId={p.documentId}
          claims={p.research.claims}
          documentStances={p.research.documentStances}
          stances={p.research.stances}
          history={p.history}
          reload={p.reloadResearch}
          onActivate={p.onActivate}
        />
      )}
      {p.tab === 'suggestions' && (
        <SuggestionsTab
          active={p.review.active}
          loading={p.review.loading}
          suggestions={p.review.list}
          current={p.review.current}
          onStart={p.suggestions.start}
          onStop={p.suggestions.stop}
          onFocus={p.suggestions.focus}
          onAccept={(i) => p.review.list[i] && p.suggestions.accept([p.review.list[i]])}
          onAcceptMany={p.suggestions.accept}
          onReject={(i) => p.review.list[i] && p.suggestions.reject(p.review.list[i])}
        />
      )}
      {p.tab === 'history' && showHistory && <HistoryTab documentId={p.documentId} revision={historyRevision(p)} research={p.research} />}
    </Tabs>
  );
}

/**
 * A value that changes when the document's annotations do (one added or
 * deleted changes the count, one edited its latest modification time) or a
 * new version is saved: the History tab reloads then, not on every render.
 */
function historyRevision(p: Props): string {
  let latest = '';
  for (const a of p.annotations) if (a.modifiedAt > latest) latest = a.modifiedAt;
  return `${p.revision ?? 0}/${p.annotations.length}/${latest}`;
}
