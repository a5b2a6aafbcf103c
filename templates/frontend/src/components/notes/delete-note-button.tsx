"use client";

import { useRouter } from "next/navigation";
import { api } from "@/api/browser";
import { describeProblem } from "@/api/errors";
import { ConfirmButton } from "../confirm-button";

export function DeleteNoteButton({ noteId, title }: { noteId: number; title: string }) {
  const router = useRouter();
  return (
    <ConfirmButton
      label="Delete note"
      question={`Delete “${title}”? This cannot be undone.`}
      confirmLabel="Yes, delete it"
      onConfirm={async () => {
        const { error, response } = await api.DELETE("/api/notes/{note_id}", {
          params: { path: { note_id: noteId } },
        });
        if (!response.ok) return describeProblem(response.status, error);
        router.replace("/notes");
        router.refresh();
      }}
    />
  );
}
