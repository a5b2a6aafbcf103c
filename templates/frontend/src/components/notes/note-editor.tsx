"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/api/browser";
import { describeProblem } from "@/api/errors";
import type { Note } from "@/api/types";
import { Field, TextAreaField } from "../field";
import { FormError, FormSuccess } from "../form-status";
import { SubmitButton } from "../submit-button";
import { text, useFormSubmit } from "../use-form-submit";
import { BODY_MAX, TITLE_MAX } from "./limits";

export function NoteEditor({ note }: { note: Pick<Note, "id" | "title" | "body"> }) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { onSubmit, pending, error } = useFormSubmit(async (values) => {
    setSaved(false);
    const { data, error, response } = await api.PATCH("/api/notes/{note_id}", {
      params: { path: { note_id: note.id } },
      body: { title: text(values, "title"), body: text(values, "body") },
    });
    if (!data) return describeProblem(response.status, error);
    setSaved(true);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} className="stack" onChange={() => setSaved(false)}>
      <Field label="Title" name="title" required maxLength={TITLE_MAX} defaultValue={note.title} />
      <TextAreaField
        label="Text"
        name="body"
        rows={10}
        maxLength={BODY_MAX}
        defaultValue={note.body}
      />
      <FormError message={error} />
      <FormSuccess message={saved ? "Saved." : null} />
      <SubmitButton pending={pending} label="Save changes" pendingLabel="Saving…" />
    </form>
  );
}
