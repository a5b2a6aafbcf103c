import Link from "next/link";

/** Previous/next links for a list split into pages; plain links, so they work without script. */
export function Pagination({ page, pageCount }: { page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages" className="pagination">
      {page > 1 ? (
        <Link href={`/notes?page=${page - 1}`} rel="prev">
          ← Newer
        </Link>
      ) : (
        <span aria-hidden="true" />
      )}
      <span aria-current="page">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={`/notes?page=${page + 1}`} rel="next">
          Older →
        </Link>
      ) : (
        <span aria-hidden="true" />
      )}
    </nav>
  );
}
