"use client";

import { useState } from "react";
import { api } from "@/api/browser";
import { describeProblem } from "@/api/errors";
import { Field } from "../field";
import { FormError, FormSuccess } from "../form-status";
import { SubmitButton } from "../submit-button";
import { text, useFormSubmit } from "../use-form-submit";
import { NewPasswordField } from "./new-password-field";

export function ChangePasswordForm() {
  const [done, setDone] = useState(false);
  const { onSubmit, pending, error } = useFormSubmit(async (values, form) => {
    setDone(false);
    const { error, response } = await api.POST("/api/auth/password", {
      body: {
        current_password: text(values, "current_password"),
        new_password: text(values, "new_password"),
      },
    });
    if (!response.ok) {
      return response.status === 400
        ? "Your current password is not right."
        : describeProblem(response.status, error);
    }
    form.reset();
    setDone(true);
  });

  return (
    <form onSubmit={onSubmit} className="stack">
      <Field
        label="Current password"
        name="current_password"
        type="password"
        autoComplete="current-password"
        required
      />
      <NewPasswordField label="New password" name="new_password" />
      <FormError message={error} />
      <FormSuccess message={done ? "Your password has been changed." : null} />
      <SubmitButton pending={pending} label="Change password" pendingLabel="Changing…" />
    </form>
  );
}
