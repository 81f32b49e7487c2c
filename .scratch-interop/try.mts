import { makePdf, makeDocx } from '/work/main/tests/support/documents.ts';
import { parsePdf } from '/work/main/electron/backend/interop/pdf/parse.ts';
import { parseDocx } from '/work/main/electron/backend/interop/docx/parse.ts';
const pdf = makePdf([[['Minerals summit opens', ''], ['Pakistan was invited to the', 'ministerial in Washing-', 'ton on Tuesday.'], ['Officials disagreed.']], [['Second page (text).']]], { title: 'Summit', author: 'A. Writer' });
console.log(JSON.stringify(await parsePdf(pdf, 'x.pdf'), null, 1));
const docx = makeDocx([{ text: 'Heading & one', style: 'Heading1' }, { text: 'Body paragraph 🇵🇰 text.' }, { text: 'Second.' }], { title: 'Doc title', creator: 'Me' });
console.log(JSON.stringify(await parseDocx(docx, 'x.docx'), null, 1));
