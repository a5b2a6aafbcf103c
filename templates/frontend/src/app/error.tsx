"use client";

import { useEffect } from "react";

/** Shown when a page fails to load, most often because the backend could not be reached. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <main id="main" className="page narrow">
      <h1>Something went wrong</h1>
      <p role="alert">This page could not be loaded. It is probably temporary.</p>
      <p>
        <button type="button" className="button primary" onClick={() => retry()}>
          Try again
        </button>
      </p>
    </main>
  );
}
