/**
 * Compiles every EJS template to JavaScript once, at build time, into the module that
 * replaces precompiled.ts in the bundle: `create` then spends no time parsing templates
 * (about 25 ms for the full preset on the reference machine, README design notes).
 *
 * The compiled functions carry code, not text: each long run of literal text becomes a
 * slice of the template's own text, which `create` reads anyway. Left as string
 * literals, uv.lock alone would put 150 kB into the bundle, which Node parses twice.
 */
import fs from "node:fs";
import ejs from "ejs";
import { countPercents } from "./compiled-template.js";
import { EJS_OPTIONS } from "./ejs-options.js";
import { listTemplates } from "./template-tree.js";

/** Shorter literals stay in the code, where they read better and cost nothing. */
const SLICE_FROM_LENGTH = 32;

/** The parameter through which a compiled template receives its own text. */
const TEXT = "__templateText";

/** EJS emits each run of literal text as one line of its generated source. */
const LITERAL_LINE = /^ {4}; __append\("(.*)"\)$/;

type Range = readonly [start: number, end: number];

/** Undoes EJS's escaping of a literal: backslash, line breaks and double quotes. */
function unescapeLiteral(escaped: string): string {
  return escaped.replace(/\\(.)/g, (_, char: string) => (char === "n" ? "\n" : char === "r" ? "\r" : char));
}

/** Replaces long literals by slices of the text; a literal not found there stays as it is. */
function sliceLiterals(body: string, text: string): { code: string; slices: Range[] } {
  const slices: Range[] = [];
  let cursor = 0;
  const lines = body.split("\n").map((line) => {
    const escaped = LITERAL_LINE.exec(line)?.[1];
    if (escaped === undefined) return line;
    const literal = unescapeLiteral(escaped);
    const start = text.indexOf(literal, cursor);
    if (start === -1) return line;
    cursor = start + literal.length;
    if (literal.length < SLICE_FROM_LENGTH) return line;
    slices.push([start, cursor]);
    return `    ; __append(${TEXT}.slice(${start}, ${cursor}))`;
  });
  return { code: lines.join("\n"), slices };
}

/**
 * What must not change for the compiled code to stay valid: everything but the inside
 * of each slice (its first and last characters stay, so the whitespace a tag swallows
 * next to it cannot grow), and every "%" even inside one.
 */
function fixedParts(text: string, slices: readonly Range[]): [number, string][] {
  const free: Range[] = [];
  for (const [start, end] of slices) {
    let from = start + 1;
    for (let at = text.indexOf("%", from); at !== -1 && at < end - 1; at = text.indexOf("%", at + 1)) {
      if (at > from) free.push([from, at]);
      from = at + 1;
    }
    if (end - 1 > from) free.push([from, end - 1]);
  }
  const fixed: [number, string][] = [];
  let from = 0;
  for (const [start, end] of free) {
    if (start > from) fixed.push([from, text.slice(from, start)]);
    from = end;
  }
  if (text.length > from) fixed.push([from, text.slice(from)]);
  return fixed;
}

/** The function body EJS generates, the same one ejs.compile wraps at run time. */
function compiledBody(text: string, filename: string): string {
  const template = new ejs.Template(text, { ...EJS_OPTIONS, filename });
  template.compile();
  return template.source;
}

export function precompiledModuleSource(templatesDir: string): string {
  const rows = listTemplates(templatesDir)
    .filter((t) => t.ejs)
    .map((template) => {
      const text = fs.readFileSync(template.source, "utf8");
      const { code, slices } = sliceLiterals(compiledBody(text, template.source), text);
      const fields = [
        `length: ${text.length}`,
        `fixed: ${JSON.stringify(fixedParts(text, slices))}`,
        `percents: ${countPercents(text)}`,
        `render: function (locals, escapeFn, ${TEXT}) {\n"use strict";\n${code}\n}`,
      ];
      return `  [${JSON.stringify(template.output)}, { ${fields.join(", ")} }],`;
    });
  return `export const precompiledTemplates = new Map([\n${rows.join("\n")}\n]);\n`;
}
