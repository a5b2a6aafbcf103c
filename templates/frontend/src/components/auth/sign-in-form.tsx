"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { api } from "@/api/browser";
import { describeProblem } from "@/api/errors";
import { Field } from "../field";
import { FormError } from "../form-status";
import { SubmitButton } from "../submit-button";
import { text, useFormSubmit } from "../use-form-submit";

export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const { onSubmit, pending, error } = useFormSubmit(async (values) => {
    const { error, response } = await api.POST("/api/auth/login", {
      body: { email: text(values, "email"), password: text(values, "password") },
    });
    if (!response.ok) {
      return response.status === 401
        ? "That email and password do not match an account."
        : describeProblem(response.status, error);
    }
    router.replace(next);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} className="stack">
      <Field label="Email" name="email" type="email" autoComplete="email" required />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      <FormError message={error} />
      <SubmitButton pending={pending} label="Sign in" pendingLabel="Signing in…" />
      <p className="form-links">
        <Link href="/forgot-password">Forgot your password?</Link>
        <Link href="/sign-up">Create an account</Link>
      </p>
    </form>
  );
}
