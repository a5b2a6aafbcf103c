/**
 * How `towlion github` and `towlion secrets` end: the repository's address and any
 * secrets left to set by hand, or what is still to do and the command that resumes it.
 */
import type { Io } from "../../pipeline/context.js";
import { GitHubFailure } from "../failures.js";
import { PublishError, type PublishResult } from "../publish.js";
import { byHandMessage, unfinishedMessage, type UnfinishedContext } from "../report.js";

export async function reportOutcome(
  io: Io,
  work: Promise<PublishResult>,
  unfinished: () => UnfinishedContext,
): Promise<number> {
  try {
    const result = await work;
    io.stdout(`Done: ${result.webUrl}\n`);
    if (result.byHand.length > 0) io.stdout(`\n${byHandMessage(result.byHand)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof PublishError || error instanceof GitHubFailure)) throw error;
    io.stderr(`${unfinishedMessage(error, unfinished())}\n`);
    return 1;
  }
}
