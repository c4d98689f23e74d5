// Structured one-line JSON logs on stderr. Callers pass only non-personal fields: request ids, routes,
// statuses, error names and stack frames — never identifiers, bodies or error messages that may quote input.

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export function createLogger(opts: { quiet?: boolean } = {}): Logger {
  const write = (level: string, event: string, fields?: LogFields) =>
    process.stderr.write(`${JSON.stringify({ level, at: new Date().toISOString(), event, ...fields })}\n`);
  return {
    info: (event, fields) => {
      if (!opts.quiet) write('info', event, fields);
    },
    // Errors are logged even when quiet: an unexpected 500 must always leave a trace.
    error: (event, fields) => write('error', event, fields),
  };
}

/** The stack frames of an error without its message line, which can quote user input. */
export function stackFrames(err: unknown): string | undefined {
  if (!(err instanceof Error) || !err.stack) return undefined;
  return err.stack
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 8)
    .map((line) => line.trim())
    .join(' | ');
}
