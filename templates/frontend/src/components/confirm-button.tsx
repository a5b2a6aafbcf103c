"use client";

import { useEffect, useRef, useState } from "react";
import { NETWORK_PROBLEM } from "@/api/errors";

interface ConfirmButtonProps {
  label: string;
  /** A longer name for screen readers when the label alone is ambiguous, e.g. in a list. */
  accessibleName?: string;
  question: string;
  confirmLabel: string;
  /** Resolves to an error message, or to nothing when it worked. */
  onConfirm: () => Promise<string | void>;
}

/**
 * A destructive action behind a second, explicit click. The question appears in place, focus
 * moves to "Cancel" so Enter does not destroy anything, and Escape backs out.
 */
export function ConfirmButton({
  label,
  accessibleName,
  question,
  confirmLabel,
  onConfirm,
}: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) cancelRef.current?.focus();
    else if (wasAsking.current) openRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      const problem = await onConfirm();
      if (problem) setError(problem);
    } catch {
      setError(NETWORK_PROBLEM);
    } finally {
      setPending(false);
    }
  }

  if (!asking) {
    return (
      <button
        ref={openRef}
        type="button"
        className="button danger"
        aria-label={accessibleName}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <div
      role="group"
      aria-label={accessibleName ?? label}
      className="confirm"
      onKeyDown={(event) => {
        if (event.key === "Escape" && !pending) setAsking(false);
      }}
    >
      <p>{question}</p>
      <div className="actions">
        <button
          type="button"
          className="button danger"
          onClick={confirm}
          disabled={pending}
          aria-busy={pending}
        >
          {pending ? "Deleting…" : confirmLabel}
        </button>
        <button
          ref={cancelRef}
          type="button"
          className="button"
          onClick={() => setAsking(false)}
          disabled={pending}
        >
          Cancel
        </button>
      </div>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
