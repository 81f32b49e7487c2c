import type { ParsedDocument } from '../import/parsed.ts';
import type { SourceFile } from './sources.ts';

/** Binary documents (PDF, DOCX) to text and blocks; each parser is loaded only when needed. */
export async function parseBinaryDocument(source: SourceFile, format: 'pdf' | 'docx'): Promise<ParsedDocument> {
  if (format === 'pdf') return (await import('./pdf/parse.ts')).parsePdf(source.bytes, source.name);
  return (await import('./docx/parse.ts')).parseDocx(source.bytes, source.name);
}
