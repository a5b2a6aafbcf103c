"use client";

import { useState, type FormEvent } from "react";
import { NETWORK_PROBLEM } from "@/api/errors";

/** What a form does on submit: resolve to an error message, or to nothing when it worked. */
export type SubmitAction = (values: FormData, form: HTMLFormElement) => Promise<string | void>;

/**
 * Submit handling shared by every form: one request at a time, a pending flag for the button,
 * and an error message that keeps what the person typed (React's form actions would reset it).
 */
export function useFormSubmit(action: SubmitAction) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    setPending(true);
    setError(null);
    try {
      const problem = await action(new FormData(form), form);
      if (problem) setError(problem);
    } catch {
      setError(NETWORK_PROBLEM);
    } finally {
      setPending(false);
    }
  }

  return { onSubmit, pending, error };
}

/** A text field's value; FormData holds strings for text inputs. */
export function text(values: FormData, name: string): string {
  const value = values.get(name);
  return typeof value === "string" ? value : "";
}
