/**
 * The part of GitHub's published OpenAPI description (from @octokit/openapi)
 * that the stand-in serves: the operations it implements, with their
 * parameters, request bodies and responses, `$ref`s resolved, compiled to ajv
 * validators. The stand-in checks every request it receives and every response
 * it sends against these, so it cannot drift from the real API's contract.
 */
import fs from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsPlugin from "ajv-formats";
import { repoRoot } from "../paths.js";

/** The operations the stand-in implements, by GitHub's operationId. */
export const OPERATION_IDS = [
  "users/get-authenticated",
  "repos/get",
  "repos/create-for-authenticated-user",
  "repos/create-in-org",
  "actions/list-repo-secrets",
  "actions/get-repo-public-key",
  "actions/create-or-update-repo-secret",
  "repos/get-all-environments",
  "repos/create-or-update-environment",
] as const;
export type OperationId = (typeof OPERATION_IDS)[number];

/**
 * GitHub answers any operation with these when authentication, permissions or
 * the rate limit say no, whether or not the operation's description lists them;
 * their body is the spec's basic-error.
 */
export const GLOBAL_ERROR_STATUSES = [401, 403, 404, 429] as const;

export interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  validate: ValidateFunction;
  type: string | undefined;
}

export interface ResponseSpec {
  /** undefined: the response has no body (204). */
  validate: ValidateFunction | undefined;
}

export interface Operation {
  id: OperationId;
  method: string;
  /** The path template, e.g. /repos/{owner}/{repo}. */
  template: string;
  pattern: RegExp;
  pathNames: string[];
  parameters: Parameter[];
  body: { required: boolean; validate: ValidateFunction; properties: string[] | undefined } | undefined;
  responses: Map<number, ResponseSpec>;
}

export interface Spec {
  version: string;
  operations: Operation[];
  basicError: ValidateFunction;
}

const SPEC_FILE = path.join(repoRoot, "node_modules", "@octokit", "openapi", "generated", "api.github.com.json");
const SCHEMAS_ID = "github-components";

interface RawSpec {
  info: { version: string };
  paths: Record<string, Record<string, RawOperation>>;
  components: Record<string, Record<string, unknown>>;
}
interface RawOperation {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

let loaded: Spec | undefined;

/** Parses the 13 MB description once per test worker and keeps only what the stand-in needs. */
export function loadSpec(): Spec {
  loaded ??= buildSpec(JSON.parse(fs.readFileSync(SPEC_FILE, "utf8")) as RawSpec);
  return loaded;
}

function buildSpec(raw: RawSpec): Spec {
  const ajv = new Ajv({ strict: true, allErrors: true });
  addFormatsPlugin.default(ajv);
  // OpenAPI annotations that are not JSON Schema validation keywords.
  ajv.addVocabulary(["example", "discriminator", "x-github", "x-github-breaking-changes", "externalDocs", "xml"]);

  const found = new Map<string, { method: string; template: string; op: RawOperation }>();
  for (const [template, item] of Object.entries(raw.paths))
    for (const [method, op] of Object.entries(item))
      if (op.operationId && (OPERATION_IDS as readonly string[]).includes(op.operationId))
        found.set(op.operationId, { method: method.toUpperCase(), template, op });

  // Only the component schemas these operations reach, added once; refs into them stay refs (they may recurse).
  const schemaNames = new Set<string>();
  const resolveRef = (ref: string): unknown => {
    const [, section, name] = ref.match(/^#\/components\/([^/]+)\/(.+)$/) ?? [];
    const target = section && name ? raw.components[section]?.[name] : undefined;
    if (target === undefined) throw new Error(`stand-in spec: cannot resolve ${ref}`);
    return target;
  };
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(collect);
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") {
        const name = value.match(/^#\/components\/schemas\/(.+)$/)?.[1];
        if (name && !schemaNames.has(name)) {
          schemaNames.add(name);
          collect(resolveRef(value));
        } else if (!name && !value.startsWith("#/components/examples/")) collect(resolveRef(value));
      } else if (key !== "examples") collect(value);
    }
  };
  for (const { op } of found.values()) collect(op);
  collect(raw.components.schemas?.["basic-error"]);
  schemaNames.add("basic-error");
  const schemas = Object.fromEntries([...schemaNames].map((name) => [name, pointRefs(raw.components.schemas?.[name])]));
  ajv.addSchema({ $id: SCHEMAS_ID, $defs: schemas });

  /** Follows a non-schema $ref (parameter, response, header) to its definition. */
  const deref = <T>(node: unknown): T =>
    (node && typeof node === "object" && "$ref" in node ? resolveRef((node as { $ref: string }).$ref) : node) as T;
  const compile = (schema: unknown): ValidateFunction => ajv.compile(pointRefs(schema) as object);

  const operations: Operation[] = [];
  for (const id of OPERATION_IDS) {
    const entry = found.get(id);
    if (!entry) throw new Error(`stand-in spec: ${id} is not in ${SPEC_FILE}`);
    const { method, template, op } = entry;
    const parameters = (op.parameters ?? []).map((p) => {
      const param = deref<{ name: string; in: Parameter["in"]; required?: boolean; schema: { type?: string } }>(p);
      return {
        name: param.name,
        in: param.in,
        required: param.required === true,
        validate: compile(param.schema),
        type: param.schema.type,
      };
    });
    const rawBody = deref<
      { required?: boolean; content: Record<string, { schema: { properties?: object } }> } | undefined
    >(op.requestBody);
    const bodySchema = rawBody?.content["application/json"]?.schema;
    const responses = new Map<number, ResponseSpec>();
    for (const [status, response] of Object.entries(op.responses)) {
      const resolved = deref<{ content?: Record<string, { schema?: unknown }> }>(response);
      const schema = resolved.content?.["application/json"]?.schema;
      responses.set(Number(status), { validate: schema ? compile(schema) : undefined });
    }
    const pathNames = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    operations.push({
      id,
      method,
      template,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "([^/]+)")}$`),
      pathNames,
      parameters,
      body: bodySchema
        ? {
            required: rawBody?.required === true,
            validate: compile(bodySchema),
            properties: bodySchema.properties ? Object.keys(bodySchema.properties) : undefined,
          }
        : undefined,
      responses,
    });
  }
  // Literal paths win over templated ones (…/secrets/public-key before …/secrets/{secret_name}).
  operations.sort((a, b) => a.pathNames.length - b.pathNames.length);
  return {
    version: raw.info.version,
    operations,
    basicError: ajv.getSchema(`${SCHEMAS_ID}#/$defs/basic-error`) as ValidateFunction,
  };
}

/** Copies a schema with its component refs pointing into the shared schema document. */
function pointRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(pointRefs);
  if (!node || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === "$ref" && typeof value === "string"
        ? value.replace(/^#\/components\/schemas\//, `${SCHEMAS_ID}#/$defs/`)
        : pointRefs(value),
    ]),
  );
}

/** ajv's errors in one line each, for a violation report. */
export function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message ?? ""}`.trim()).join("; ");
}
