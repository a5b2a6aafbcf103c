import Link from "next/link";
import type { Note } from "@/api/types";
import { formatDate } from "@/lib/format";

const EXCERPT_LENGTH = 140;

export function NoteList({
  notes,
}: {
  notes: Pick<Note, "id" | "title" | "body" | "updated_at">[];
}) {
  return (
    <ul className="note-list">
      {notes.map((note) => (
        <li key={note.id}>
          <Link href={`/notes/${note.id}`} className="note-card">
            <h2>{note.title}</h2>
            {note.body ? <p>{excerpt(note.body)}</p> : null}
            <p className="meta">
              Updated <time dateTime={note.updated_at}>{formatDate(note.updated_at)}</time>
            </p>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function excerpt(body: string): string {
  return body.length <= EXCERPT_LENGTH ? body : `${body.slice(0, EXCERPT_LENGTH).trimEnd()}…`;
}
