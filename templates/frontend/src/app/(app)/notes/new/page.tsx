import type { Metadata } from "next";
import Link from "next/link";
import { NewNoteForm } from "@/components/notes/new-note-form";

export const metadata: Metadata = { title: "New note" };

export default function NewNotePage() {
  return (
    <div className="narrow">
      <p className="back">
        <Link href="/notes">← All notes</Link>
      </p>
      <h1>New note</h1>
      <NewNoteForm />
    </div>
  );
}
