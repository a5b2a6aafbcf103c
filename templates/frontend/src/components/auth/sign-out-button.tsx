"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/api/browser";
import { NETWORK_PROBLEM, describeProblem } from "@/api/errors";

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signOut() {
    setPending(true);
    setError(null);
    try {
      const { error, response } = await api.POST("/api/auth/logout");
      if (!response.ok) {
        setError(describeProblem(response.status, error));
        return;
      }
      router.replace("/sign-in");
      router.refresh();
    } catch {
      setError(NETWORK_PROBLEM);
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <button type="button" className="button link" onClick={signOut} disabled={pending}>
        {pending ? "Signing out…" : "Sign out"}
      </button>
      {error ? (
        <p role="alert" className="form-error">
          Could not sign out: {error}
        </p>
      ) : null}
    </>
  );
}
