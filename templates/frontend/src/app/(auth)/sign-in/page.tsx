import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { FormSuccess } from "@/components/form-status";
import { safeRedirect } from "@/lib/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const { next, reset } = await searchParams;
  return (
    <>
      <h1>Sign in</h1>
      <FormSuccess message={reset === "done" ? "Your password has been changed. Sign in." : null} />
      <SignInForm next={safeRedirect(next)} />
    </>
  );
}
