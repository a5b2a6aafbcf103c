/**
 * Names for the backend's JSON bodies, taken from the operations rather than from the schema's
 * model names, so that renaming a Pydantic class does not ripple through the frontend.
 */
import type { paths } from "./schema";

type JsonBody<Response> = Response extends { content: { "application/json": infer Body } }
  ? Body
  : never;

export type User = JsonBody<paths["/api/auth/me"]["get"]["responses"][200]>;
export type Note = JsonBody<paths["/api/notes/{note_id}"]["get"]["responses"][200]>;
export type NotePage = JsonBody<paths["/api/notes"]["get"]["responses"][200]>;
