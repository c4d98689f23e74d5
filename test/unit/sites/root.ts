import path from 'node:path';

/** The repository root, for tests that read files beside it. */
export const ROOT_OF_REPO = path.resolve(import.meta.dirname, '../../..');
