import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeBackend } from "@/test/fake-backend";
import { router } from "@/test/router";
import { NoteEditor } from "./note-editor";
import { NewNoteForm } from "./new-note-form";

const note = { id: 7, title: "Groceries", body: "Milk" };

describe("NoteEditor", () => {
  it("saves the edited fields and refreshes the page", async () => {
    const backend = fakeBackend({ "PATCH /api/notes/7": { status: 200, body: { ...note } } });
    render(<NoteEditor note={note} />);
    await userEvent.clear(screen.getByLabelText("Title"));
    await userEvent.type(screen.getByLabelText("Title"), "Shopping");
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));

    expect(await screen.findByRole("status")).toHaveTextContent("Saved.");
    expect(backend.seen[0]?.body).toEqual({ title: "Shopping", body: "Milk" });
    expect(router.refresh).toHaveBeenCalled();
  });

  it("keeps the edits when saving fails", async () => {
    fakeBackend({ "PATCH /api/notes/7": { status: 404, body: { detail: "Note not found" } } });
    render(<NoteEditor note={note} />);
    await userEvent.type(screen.getByLabelText("Text"), " and eggs");
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Note not found");
    expect(screen.getByLabelText("Text")).toHaveValue("Milk and eggs");
  });
});

describe("NewNoteForm", () => {
  it("creates the note and opens it", async () => {
    fakeBackend({ "POST /api/notes": { status: 201, body: { ...note, id: 12 } } });
    render(<NewNoteForm />);
    await userEvent.type(screen.getByLabelText("Title"), "Groceries");
    await userEvent.click(screen.getByRole("button", { name: "Create note" }));
    expect(router.push).toHaveBeenCalledWith("/notes/12");
  });
});
