"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { api } from "@/api/browser";
import { describeProblem } from "@/api/errors";
import { FormError } from "../form-status";
import { SubmitButton } from "../submit-button";
import { text, useFormSubmit } from "../use-form-submit";
import { NewPasswordField } from "./new-password-field";

export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const { onSubmit, pending, error } = useFormSubmit(async (values) => {
    const { error, response } = await api.POST("/api/auth/password-reset/confirm", {
      body: { token, new_password: text(values, "new_password") },
    });
    if (!response.ok) {
      return response.status === 400
        ? "This link is invalid, already used or expired. Ask for a new one."
        : describeProblem(response.status, error);
    }
    router.replace("/sign-in?reset=done");
  });

  return (
    <form onSubmit={onSubmit} className="stack">
      <NewPasswordField label="New password" name="new_password" />
      <FormError message={error} />
      <SubmitButton pending={pending} label="Set new password" pendingLabel="Saving…" />
      <p className="form-links">
        <Link href="/forgot-password">Ask for a new link</Link>
      </p>
    </form>
  );
}
