/** A problem with what the user typed: exit code 2, nothing was created. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  readonly exitCode = 2;
}

/** The user pressed Ctrl-C or the process got SIGTERM: exit code 130. */
export class InterruptedError extends Error {
  override readonly name = "InterruptedError";
  readonly exitCode = 130;
  constructor(signal = "SIGINT") {
    super(`Interrupted (${signal}); everything this run created was removed.`);
  }
}

/** Something failed while generating; everything this run created is removed. */
export class GenerationError extends Error {
  override readonly name = "GenerationError";
  readonly exitCode = 1;
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof InterruptedError || error instanceof GenerationError)
    return error.exitCode;
  return 1;
}
