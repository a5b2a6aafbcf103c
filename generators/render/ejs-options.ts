/**
 * How every template is compiled, at build time (precompile.ts) and at run time alike.
 * Templates produce code, not HTML: `<%= %>` must not escape anything. Strict mode with
 * the config's names declared up front, rather than EJS's default `with (locals)`, so
 * the compiled functions are valid module code and can be bundled. Without compileDebug
 * each template compiles to less code (template errors are caught by the tests).
 */
import type { Options } from "ejs";
import type { AppConfig } from "../app/config.js";

const CONFIG_NAMES = {
  name: true,
  title: true,
  domain: true,
  subdomain: true,
  appDomain: true,
  features: true,
  email: true,
  git: true,
  github: true,
  dbName: true,
  dbUser: true,
  bucket: true,
  redisPrefix: true,
  generatorVersion: true,
} satisfies Record<keyof AppConfig, true>;

export const EJS_OPTIONS = {
  strict: true,
  localsName: "locals",
  destructuredLocals: Object.keys(CONFIG_NAMES),
  escape: (value: unknown) => String(value),
  compileDebug: false,
} as const satisfies Options;
