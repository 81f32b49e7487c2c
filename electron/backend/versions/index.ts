// Versions of documents' texts (issue 11): history, diffs, updates from files
// and from the reader's edit mode, restores, and the review of what moved.
export { listVersions, getVersion, currentVersion } from './history.ts';
export { versionDiff, readableSegments } from './diff.ts';
export { updateFromFile, parseVersionFile } from './update.ts';
export { saveEditedText, mapBlocks, type EditedText } from './edited.ts';
export { restoreVersion } from './restore.ts';
export { reviewList, setAnchor } from './review.ts';
export { versionCandidates } from './candidates.ts';
export { saveVersion, type SaveHooks } from './save.ts';
