import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ConfirmButton } from "./confirm-button";

function renderButton(onConfirm: () => Promise<string | void>) {
  render(
    <ConfirmButton
      label="Delete note"
      question="Delete “Groceries”?"
      confirmLabel="Yes, delete it"
      onConfirm={onConfirm}
    />,
  );
}

describe("ConfirmButton", () => {
  it("asks first, with focus on Cancel, and Escape backs out", async () => {
    const onConfirm = vi.fn(async () => undefined);
    renderButton(onConfirm);
    await userEvent.tab();
    await userEvent.keyboard("{Enter}");

    expect(screen.getByText("Delete “Groceries”?")).toBeVisible();
    expect(screen.getByRole("button", { name: "Cancel" })).toHaveFocus();
    await userEvent.keyboard("{Escape}");
    expect(screen.getByRole("button", { name: "Delete note" })).toHaveFocus();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it("acts on the explicit second click and shows a failure", async () => {
    const onConfirm = vi.fn(async () => "That no longer exists.");
    renderButton(onConfirm);
    await userEvent.click(screen.getByRole("button", { name: "Delete note" }));
    await userEvent.click(screen.getByRole("button", { name: "Yes, delete it" }));

    expect(onConfirm).toHaveBeenCalledOnce();
    expect(await screen.findByRole("alert")).toHaveTextContent("That no longer exists.");
  });
});
