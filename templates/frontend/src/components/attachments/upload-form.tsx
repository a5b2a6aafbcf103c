"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { api } from "@/api/browser";
import { describeProblem } from "@/api/errors";
import { FormError, FormSuccess } from "../form-status";
import { SubmitButton } from "../submit-button";
import { useFormSubmit } from "../use-form-submit";
import styles from "./attachments.module.css";
import { StorageUploadError, sendToStorage } from "./send-to-storage";

/** Upload in three steps: the backend issues a presigned request, the browser sends the bytes
 * straight to object storage, then tells the backend it is done. */
export function UploadForm({ noteId }: { noteId: number }) {
  const router = useRouter();
  const inputId = useId();
  const [progress, setProgress] = useState<number | null>(null);
  const [uploaded, setUploaded] = useState<string | null>(null);

  const fileInput = useRef<HTMLInputElement>(null);
  const { onSubmit, pending, error } = useFormSubmit(async (_values, form) => {
    setUploaded(null);
    const file = fileInput.current?.files?.[0];
    if (!file) return "Choose a file first.";

    const note = { note_id: noteId };
    const started = await api.POST("/api/notes/{note_id}/attachments", {
      params: { path: note },
      body: {
        filename: file.name,
        content_type: file.type || "application/octet-stream",
        size: file.size,
      },
    });
    if (!started.data) return describeProblem(started.response.status, started.error);
    const path = { ...note, attachment_id: started.data.attachment.id };

    setProgress(0);
    try {
      await sendToStorage(started.data.upload, file, setProgress);
    } catch (problem) {
      // Leave no half-made attachment behind; if this fails too, the list shows it as uploading.
      await api
        .DELETE("/api/notes/{note_id}/attachments/{attachment_id}", { params: { path } })
        .catch(() => undefined);
      return problem instanceof StorageUploadError ? problem.message : String(problem);
    } finally {
      setProgress(null);
    }

    const completed = await api.POST("/api/notes/{note_id}/attachments/{attachment_id}/complete", {
      params: { path },
    });
    if (!completed.data) return describeProblem(completed.response.status, completed.error);
    form.reset();
    setUploaded(file.name);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} className={`stack ${styles.uploadForm}`}>
      <div className="field">
        <label htmlFor={inputId}>Attach a file</label>
        <input ref={fileInput} id={inputId} name="file" type="file" />
      </div>
      {progress !== null ? (
        <div className={styles.progress}>
          <progress max={1} value={progress} aria-label="Upload progress" />
          <span aria-hidden="true">{Math.round(progress * 100)}%</span>
        </div>
      ) : null}
      <FormError message={error} />
      <FormSuccess message={uploaded && `${uploaded} uploaded.`} />
      <SubmitButton pending={pending} label="Upload" pendingLabel="Uploading…" />
    </form>
  );
}
