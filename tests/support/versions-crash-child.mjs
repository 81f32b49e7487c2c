// A real process that saves a new version of a document and stops inside the
// save's transaction, after every write and before the commit, so that the
// test can kill it with SIGKILL there (tests/unit/versions.test.ts).
// Usage: node versions-crash-child.mjs DB DOCUMENT_ID NEW_TEXT_FILE
import { register } from 'tsx/esm/api';

register();
const [db, documentId, file] = process.argv.slice(2);
const { Project } = await import('../../electron/backend/project.ts');
const { updateFromFile } = await import('../../electron/backend/versions/index.ts');
const fs = await import('node:fs');
const project = await Project.open(db);
await updateFromFile(project, documentId, { name: file, bytes: fs.readFileSync(file) }, {
  hooks: {
    beforeCommit() {
      process.stdout.write('written\n');
      // Wait here, synchronously, inside the transaction, until killed.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
      throw new Error('the test should have killed this process');
    },
  },
});
