/**
 * Everything this run created on disk, so a failure or Ctrl-C can remove
 * exactly that and nothing else. Removal is synchronous: it must finish inside
 * a signal handler before the process exits.
 */
import fs from "node:fs";
import { InterruptedError } from "../cli/errors.js";

export class CreatedPaths {
  private readonly paths: string[] = [];
  private interruptedBy: string | undefined;

  /** Record a path before (or right after) creating it. */
  add(absolutePath: string): void {
    this.throwIfInterrupted();
    this.paths.push(absolutePath);
  }

  /** A path that moved elsewhere (staging renamed into place) is no longer ours to remove there. */
  forget(absolutePath: string): void {
    const index = this.paths.lastIndexOf(absolutePath);
    if (index !== -1) this.paths.splice(index, 1);
  }

  list(): readonly string[] {
    return this.paths;
  }

  interrupt(signal: string): void {
    this.interruptedBy = signal;
  }

  throwIfInterrupted(): void {
    if (this.interruptedBy) throw new InterruptedError(this.interruptedBy);
  }

  /** Remove what was created, newest first. Never throws: it runs while failing already. */
  removeAll(): string[] {
    const problems: string[] = [];
    for (const p of [...this.paths].reverse()) {
      try {
        // Retries: a write still in flight when a signal arrives may add a file mid-removal.
        fs.rmSync(p, { recursive: true, force: true, maxRetries: 3, retryDelay: 20 });
      } catch (error) {
        problems.push(`could not remove ${p}: ${(error as Error).message}`);
      }
    }
    this.paths.length = 0;
    return problems;
  }
}
