import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeBackend } from "@/test/fake-backend";
import { ChangePasswordForm } from "./change-password-form";

describe("ChangePasswordForm", () => {
  it("changes the password and clears the fields", async () => {
    const backend = fakeBackend({ "POST /api/auth/password": { status: 204 } });
    render(<ChangePasswordForm />);
    await userEvent.type(screen.getByLabelText("Current password"), "old password");
    await userEvent.type(screen.getByLabelText("New password"), "new password");
    await userEvent.click(screen.getByRole("button", { name: "Change password" }));

    expect(await screen.findByRole("status")).toHaveTextContent("Your password has been changed.");
    expect(backend.seen[0]?.body).toEqual({
      current_password: "old password",
      new_password: "new password",
    });
    expect(screen.getByLabelText("Current password")).toHaveValue("");
  });

  it("says when the current password is wrong", async () => {
    fakeBackend({ "POST /api/auth/password": { status: 400, body: { detail: "wrong" } } });
    render(<ChangePasswordForm />);
    await userEvent.type(screen.getByLabelText("Current password"), "not it");
    await userEvent.type(screen.getByLabelText("New password"), "new password");
    await userEvent.click(screen.getByRole("button", { name: "Change password" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Your current password is not right.",
    );
    expect(screen.getByLabelText("New password")).toHaveValue("new password");
  });
});
