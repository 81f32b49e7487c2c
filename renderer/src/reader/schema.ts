import { Schema } from 'prosemirror-model';

/** The class of a section's element (see `section` below). */
export const SECTION_CLASS = 'gl-section';

/**
 * Each block takes its direction from its own first strong character, so an
 * Arabic or Hebrew paragraph reads right to left (with its punctuation at
 * its end) in a left-to-right page, and a mixed document gets each right.
 */
const DIR = { dir: 'auto' };

/** The reader's schema: the block types importers produce, holding plain text only. */
export const readerSchema = new Schema({
  nodes: {
    doc: { content: '(block | section)+' },
    /**
     * A run of consecutive blocks of a long document (buildDoc groups them),
     * shown as a plain <div>. It exists for the browser: layout and painting
     * then skip whole sections away from the viewport, and a change to one
     * paragraph re-lays out its section, not thousands of siblings.
     */
    section: { content: 'block+', toDOM: () => ['div', { class: SECTION_CLASS }, 0] },
    paragraph: { group: 'block', content: 'text*', toDOM: () => ['p', DIR, 0] },
    heading: {
      group: 'block',
      content: 'text*',
      attrs: { level: { default: 2 } },
      toDOM: (node) => [`h${Math.min(6, Math.max(1, node.attrs.level as number))}`, DIR, 0],
    },
    blockquote: { group: 'block', content: 'text*', toDOM: () => ['blockquote', DIR, 0] },
    listItem: { group: 'block', content: 'text*', toDOM: () => ['p', { class: 'gl-list-item', ...DIR }, 0] },
    preformatted: { group: 'block', content: 'text*', code: true, toDOM: () => ['pre', DIR, 0] },
    text: {},
  },
  marks: {},
});
