import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Project } from '../electron/backend/project.ts';
import { importFiles } from '../electron/backend/interop/import.ts';
import { exportDocuments } from '../electron/backend/interop/export.ts';
import { readImportPaths } from '../electron/backend/interop/sources.ts';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gl-'));
const project = await Project.open(path.join(dir, 'p.gloss'));
const r = await importFiles(project, readImportPaths(['/work/shared/interop/brat/tutorial-news']));
console.log(r.counts, r.warnings);
const a = exportDocuments(project, 'brat');
if (a.kind === 'folder') { for (const f of a.files) if (['annotation.conf', '999-complete.ann', '100-attribute_annotation.ann'].includes(f.path)) console.log('=====', f.path, '\n' + f.data); }
console.log(a.warnings);
project.close();
