"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/api/browser";
import { NETWORK_PROBLEM, describeProblem } from "@/api/errors";
import { formatBytes } from "@/lib/format";
import { ConfirmButton } from "../confirm-button";
import { FormError } from "../form-status";
import styles from "./attachments.module.css";
import { UploadForm } from "./upload-form";
import type { Attachment } from "./types";

const STATUS_LABEL: Record<Attachment["status"], string> = {
  pending: "Uploading",
  uploaded: "Processing",
  ready: "Ready",
};

export function Attachments({
  noteId,
  attachments,
}: {
  noteId: number;
  attachments: Attachment[];
}) {
  return (
    <section aria-labelledby="attachments-heading">
      <h2 id="attachments-heading">Attachments</h2>
      {attachments.length === 0 ? (
        <p className="empty">No files attached yet.</p>
      ) : (
        <ul className={styles.list}>
          {attachments.map((attachment) => (
            <AttachmentItem key={attachment.id} noteId={noteId} attachment={attachment} />
          ))}
        </ul>
      )}
      <UploadForm noteId={noteId} />
    </section>
  );
}

function AttachmentItem({ noteId, attachment }: { noteId: number; attachment: Attachment }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const path = { note_id: noteId, attachment_id: attachment.id };

  async function download() {
    setOpening(true);
    setError(null);
    try {
      const { data, error, response } = await api.GET(
        "/api/notes/{note_id}/attachments/{attachment_id}/download",
        { params: { path } },
      );
      if (!data) {
        setError(describeProblem(response.status, error));
        return;
      }
      window.location.assign(data.url);
    } catch {
      setError(NETWORK_PROBLEM);
    } finally {
      setOpening(false);
    }
  }

  return (
    <li className={styles.item}>
      <div className={styles.file}>
        <span className={styles.filename}>{attachment.filename}</span>
        <span className="meta">
          {formatBytes(attachment.size)} · {STATUS_LABEL[attachment.status]}
        </span>
      </div>
      <div className="actions">
        {attachment.status !== "pending" ? (
          <button type="button" className="button" onClick={download} disabled={opening}>
            Download<span className="visually-hidden"> {attachment.filename}</span>
          </button>
        ) : null}
        <ConfirmButton
          label="Remove"
          accessibleName={`Remove ${attachment.filename}`}
          question={`Remove ${attachment.filename}?`}
          confirmLabel="Yes, remove it"
          onConfirm={async () => {
            const { error, response } = await api.DELETE(
              "/api/notes/{note_id}/attachments/{attachment_id}",
              { params: { path } },
            );
            if (!response.ok) return describeProblem(response.status, error);
            router.refresh();
          }}
        />
      </div>
      <FormError message={error} />
    </li>
  );
}
