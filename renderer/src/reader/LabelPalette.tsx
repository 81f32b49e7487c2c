import type { Label, ReaderSettings } from '../../../shared/index.ts';
import { MAX_LANES } from './annotationPlugin.ts';
import { freshHighlightSelector } from './freshHighlights.ts';

interface Props {
  labels: readonly Label[];
  /** Labels whose highlights are hidden. */
  hidden: ReadonlySet<string>;
  onTag(label: Label): void;
  onToggle(labelIds: readonly string[], hide: boolean): void;
  settings: ReaderSettings;
  onSettings(changes: Partial<ReaderSettings>): void;
}

const KIND_NAMES: Record<string, string> = { entity: 'Entity layer', claim: 'Claim layer' };

/**
 * The label palette, always shown above the text: each label with its
 * hotkey (a click tags the selection), and switches that hide a label's
 * highlights or a whole layer's (entities, claims) to see the rest.
 */
export function LabelPalette({ labels, hidden, onTag, onToggle, settings, onSettings }: Props) {
  const kinds = [...new Set(labels.map((l) => l.kind as string))];
  return (
    <div className="gl-palette" role="toolbar" aria-label="Labels" onMouseDown={(e) => e.preventDefault() /* keep the text selection */}>
      {kinds.map((kind) => {
        const ofKind = labels.filter((l) => l.kind === kind);
        const allHidden = ofKind.every((l) => hidden.has(l.id));
        const name = KIND_NAMES[kind] ?? kind;
        return (
          <div key={kind} className="gl-palette-group" role="group" aria-label={name}>
            <button type="button" className="gl-palette-layer" aria-pressed={!allHidden} onClick={() => onToggle(ofKind.map((l) => l.id), !allHidden)}>
              {name}
            </button>
            {ofKind.map((l) => (
              <span key={l.id} className="gl-palette-item" style={{ ['--hl' as string]: l.color }}>
                <button type="button" className="gl-label-button" aria-keyshortcuts={l.hotkey ?? undefined} title={`Tag the selection as ${l.name}`} onClick={() => onTag(l)}>
                  {l.hotkey && <kbd aria-hidden="true">{l.hotkey}</kbd>} {l.name}
                </button>
                <button
                  type="button"
                  className="gl-palette-eye"
                  aria-pressed={!hidden.has(l.id)}
                  aria-label={`Show ${l.name} highlights`}
                  title={hidden.has(l.id) ? `Show ${l.name} highlights` : `Hide ${l.name} highlights`}
                  onClick={() => onToggle([l.id], !hidden.has(l.id))}
                >
                  {hidden.has(l.id) ? '◌' : '●'}
                </button>
              </span>
            ))}
          </div>
        );
      })}
      <div className="gl-palette-group gl-palette-settings" role="group" aria-label="Reader settings">
        <button
          type="button"
          aria-pressed={settings.snapToWords}
          title="A drag selects whole words; hold Ctrl (Cmd on a Mac) when releasing to select characters"
          onClick={() => onSettings({ snapToWords: !settings.snapToWords })}
        >
          Whole words
        </button>
        <button type="button" aria-pressed={settings.showRelationArcs} title="Draw relations as arrows between their spans" onClick={() => onSettings({ showRelationArcs: !settings.showRelationArcs })}>
          Relation arrows
        </button>
      </div>
    </div>
  );
}

/** The style rule that hides the given labels' highlights (tint and underline), leaving the text. */
export function hiddenLabelsStyle(hidden: ReadonlySet<string>): string {
  return [...hidden]
    .map((id) => {
      // A highlight just made is painted as a range under a registered name per label and lane (freshHighlights.ts).
      const fresh = Array.from({ length: MAX_LANES }, (_, lane) => freshHighlightSelector(id, lane)).join(',');
      return `.gl-reader-text .gl-hl[data-label="${CSS.escape(id)}"]{background:transparent;border-bottom-color:transparent}\n${fresh}{background-color:transparent !important;text-decoration:none !important}`;
    })
    .join('\n');
}
