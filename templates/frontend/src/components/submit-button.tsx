"use client";

import { useSyncExternalStore } from "react";

const subscribeToNothing = () => () => undefined;

/**
 * False in the server's HTML and during hydration, true once React runs in the browser. Until
 * then a click would submit the form the browser's way, without the API call.
 */
function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}

export function SubmitButton({
  pending,
  label,
  pendingLabel,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
}) {
  const hydrated = useHydrated();
  return (
    <button
      type="submit"
      className="button primary"
      disabled={pending || !hydrated}
      aria-busy={pending}
    >
      {pending ? pendingLabel : label}
    </button>
  );
}
