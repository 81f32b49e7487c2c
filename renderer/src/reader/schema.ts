import { Schema } from 'prosemirror-model';

/** The reader's schema: the block types importers produce, holding plain text only. */
export const readerSchema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    paragraph: { group: 'block', content: 'text*', toDOM: () => ['p', 0] },
    heading: {
      group: 'block',
      content: 'text*',
      attrs: { level: { default: 2 } },
      toDOM: (node) => [`h${Math.min(6, Math.max(1, node.attrs.level as number))}`, 0],
    },
    blockquote: { group: 'block', content: 'text*', toDOM: () => ['blockquote', 0] },
    listItem: { group: 'block', content: 'text*', toDOM: () => ['p', { class: 'gl-list-item' }, 0] },
    preformatted: { group: 'block', content: 'text*', code: true, toDOM: () => ['pre', 0] },
    text: {},
  },
  marks: {},
});
