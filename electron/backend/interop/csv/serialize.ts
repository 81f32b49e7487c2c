import type { Bundle } from '../model.ts';
import { csvCell } from './cell.ts';
import { manyRangesToCodePoints } from '../text.ts';

const HEADER = ['document', 'label', 'start', 'end', 'quote', 'attributes', 'note', 'annotator', 'created'];

/**
 * One row per annotation (RFC 4180: comma-separated, fields quoted where
 * needed, CRLF line ends; cells a spreadsheet would run as formulas are
 * defused, see cell.ts). `start` and `end` are code points (as Python and R
 * count them), of the first and last range; `quote` joins the ranges of a
 * discontinuous span with " … "; `attributes` is a JSON object.
 */
export function serializeCsv(bundle: Bundle): string {
  const rows: string[][] = [HEADER];
  for (const doc of bundle.documents) {
    const cps = manyRangesToCodePoints(doc.text, doc.annotations, (a) => a.ranges);
    doc.annotations.forEach((a, i) => {
      const r = cps[i]!;
      rows.push([
        doc.name,
        a.label,
        String(r[0]!.start),
        String(r[r.length - 1]!.end),
        a.ranges.map((x) => doc.text.slice(x.start, x.end)).join(' … '),
        Object.keys(a.attributes).length ? JSON.stringify(a.attributes) : '',
        a.note,
        a.annotator ?? '',
        a.createdAt ?? '',
      ]);
    });
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
