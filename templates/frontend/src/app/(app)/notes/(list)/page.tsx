import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { serverApi } from "@/api/server";
import { NoteList } from "@/components/notes/note-list";
import { Pagination } from "@/components/notes/pagination";

export const metadata: Metadata = { title: "Notes" };

const PAGE_SIZE = 10;

export default async function NotesPage({ searchParams }: PageProps<"/notes">) {
  const { page: pageParam } = await searchParams;
  const page = Math.max(1, Number.parseInt(String(pageParam ?? "1"), 10) || 1);

  const api = await serverApi();
  const { data, response } = await api.GET("/api/notes", {
    params: { query: { page, page_size: PAGE_SIZE } },
  });
  if (response.status === 401) redirect("/sign-in?next=/notes");
  if (!data) throw new Error(`GET /api/notes answered ${response.status}`);

  const pageCount = Math.max(1, Math.ceil(data.total / data.page_size));
  if (page > pageCount) redirect(`/notes?page=${pageCount}`);

  return (
    <>
      <div className="page-title">
        <h1>Notes</h1>
        <Link href="/notes/new" className="button primary">
          New note
        </Link>
      </div>
      {data.items.length === 0 ? (
        <div className="empty">
          <p>No notes yet.</p>
          <p>
            <Link href="/notes/new">Write your first note</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="meta">
            {data.total} {data.total === 1 ? "note" : "notes"}
          </p>
          <NoteList notes={data.items} />
          <Pagination page={page} pageCount={pageCount} />
        </>
      )}
    </>
  );
}
