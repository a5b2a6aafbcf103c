"use client";

import { useRouter } from "next/navigation";
import { api } from "@/api/browser";
import { describeProblem } from "@/api/errors";
import { Field, TextAreaField } from "../field";
import { FormError } from "../form-status";
import { SubmitButton } from "../submit-button";
import { text, useFormSubmit } from "../use-form-submit";
import { BODY_MAX, TITLE_MAX } from "./limits";

export function NewNoteForm() {
  const router = useRouter();
  const { onSubmit, pending, error } = useFormSubmit(async (values) => {
    const { data, error, response } = await api.POST("/api/notes", {
      body: { title: text(values, "title"), body: text(values, "body") },
    });
    if (!data) return describeProblem(response.status, error);
    router.push(`/notes/${data.id}`);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} className="stack">
      <Field label="Title" name="title" required maxLength={TITLE_MAX} />
      <TextAreaField label="Text" name="body" rows={8} maxLength={BODY_MAX} />
      <FormError message={error} />
      <SubmitButton pending={pending} label="Create note" pendingLabel="Creating…" />
    </form>
  );
}
