/** One output file, rendered in memory, not yet written anywhere. */
export interface RenderedFile {
  /** Path inside the generated repository, with "/" separators. */
  path: string;
  content: Buffer;
  mode: number;
}
