"use client";

import Link from "next/link";
import { useState } from "react";
import { api } from "@/api/browser";
import { describeProblem } from "@/api/errors";
import { Field } from "../field";
import { FormError, FormSuccess } from "../form-status";
import { SubmitButton } from "../submit-button";
import { text, useFormSubmit } from "../use-form-submit";

export function ForgotPasswordForm() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { onSubmit, pending, error } = useFormSubmit(async (values) => {
    const email = text(values, "email");
    const { error, response } = await api.POST("/api/auth/password-reset/request", {
      body: { email },
    });
    if (!response.ok) return describeProblem(response.status, error);
    setSentTo(email);
  });

  return (
    <form onSubmit={onSubmit} className="stack">
      <Field label="Email" name="email" type="email" autoComplete="email" required />
      <FormError message={error} />
      <FormSuccess
        message={
          sentTo &&
          `If ${sentTo} belongs to an account, we have sent it a link to choose a new password.`
        }
      />
      <SubmitButton pending={pending} label="Send reset link" pendingLabel="Sending…" />
      <p className="form-links">
        <Link href="/sign-in">Back to sign in</Link>
      </p>
    </form>
  );
}
