import { Field } from "../field";

/** The backend refuses shorter passwords (app/schemas/auth.py); the browser says so first. */
export const MIN_PASSWORD_LENGTH = 8;

/** A password being chosen: sign-up, change and reset all ask for it the same way. */
export function NewPasswordField({ label, name }: { label: string; name: string }) {
  return (
    <Field
      label={label}
      name={name}
      type="password"
      autoComplete="new-password"
      required
      minLength={MIN_PASSWORD_LENGTH}
      hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
    />
  );
}
