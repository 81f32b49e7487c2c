import type { Block, SourceMetadata } from '../../../shared/index.ts';

/** What a format parser makes of one file, before it gets an id and is stored. */
export interface ParsedDocument {
  title: string;
  text: string;
  blocks: Block[];
  metadata: SourceMetadata;
}
