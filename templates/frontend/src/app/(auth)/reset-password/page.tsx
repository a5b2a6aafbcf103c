import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

// The backend's reset email links here: /reset-password?token=…
export default async function ResetPasswordPage({ searchParams }: PageProps<"/reset-password">) {
  const { token } = await searchParams;
  const value = Array.isArray(token) ? token[0] : token;
  return (
    <>
      <h1>Choose a new password</h1>
      {value ? (
        <ResetPasswordForm token={value} />
      ) : (
        <p role="alert">
          This link is missing its token. <Link href="/forgot-password">Ask for a new link</Link>.
        </p>
      )}
    </>
  );
}
