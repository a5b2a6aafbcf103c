import type { paths } from "@/api/schema";

type Created =
  paths["/api/notes/{note_id}/attachments"]["post"]["responses"][201]["content"]["application/json"];

export type Attachment = Created["attachment"];
/** A presigned request for object storage: the browser sends the file bytes with it. */
export type PresignedUpload = Created["upload"];
