/**
 * One row as a source yields it: either the parsed value to validate, or why the row could not even be read
 * (bad JSON, a CSV number that is not one). `line` is the 1-based line in the file where the row starts.
 */
export type SourceRow =
  | { line: number; value: unknown }
  | { line: number; error: { field: string; reason: string } };

/** A whole file that cannot be read as the format it claims (an unknown CSV column, a binary file). */
export class UnreadableImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableImportError';
  }
}
