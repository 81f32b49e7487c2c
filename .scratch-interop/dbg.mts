import { makePdf } from '/work/main/tests/support/documents.ts';
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const pdf = makePdf([[['Minerals summit opens', ''], ['Pakistan was invited to the', 'ministerial in Washing-', 'ton on Tuesday.'], ['Officials disagreed.']]]);
const doc = await pdfjs.getDocument({ data: pdf, verbosity: 0 }).promise;
const page = await doc.getPage(1);
const c = await page.getTextContent();
for (const i of c.items) console.log(JSON.stringify(i));
