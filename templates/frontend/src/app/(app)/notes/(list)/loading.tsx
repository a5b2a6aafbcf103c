/**
 * Shown while the backend answers; the layout around it stays in place. Only the list has one:
 * a note's page must be able to answer 404 before any byte is streamed.
 */
export default function Loading() {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      Loading…
    </div>
  );
}
