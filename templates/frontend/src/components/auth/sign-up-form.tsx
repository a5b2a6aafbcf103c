"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { api } from "@/api/browser";
import { describeProblem } from "@/api/errors";
import { Field } from "../field";
import { FormError } from "../form-status";
import { SubmitButton } from "../submit-button";
import { text, useFormSubmit } from "../use-form-submit";
import { NewPasswordField } from "./new-password-field";

export function SignUpForm() {
  const router = useRouter();
  const { onSubmit, pending, error } = useFormSubmit(async (values) => {
    const { error, response } = await api.POST("/api/auth/register", {
      body: {
        display_name: text(values, "display_name"),
        email: text(values, "email"),
        password: text(values, "password"),
      },
    });
    if (!response.ok) {
      return response.status === 409
        ? "An account with that email already exists. Sign in instead?"
        : describeProblem(response.status, error);
    }
    router.replace("/notes");
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} className="stack">
      <Field label="Your name" name="display_name" autoComplete="name" required maxLength={100} />
      <Field label="Email" name="email" type="email" autoComplete="email" required />
      <NewPasswordField label="Password" name="password" />
      <FormError message={error} />
      <SubmitButton pending={pending} label="Create account" pendingLabel="Creating account…" />
      <p className="form-links">
        <Link href="/sign-in">Already have an account? Sign in</Link>
      </p>
    </form>
  );
}
