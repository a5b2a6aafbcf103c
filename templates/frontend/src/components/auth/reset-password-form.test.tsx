import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeBackend } from "@/test/fake-backend";
import { router } from "@/test/router";
import { ResetPasswordForm } from "./reset-password-form";

describe("ResetPasswordForm", () => {
  it("sends the token from the email link with the new password", async () => {
    const backend = fakeBackend({ "POST /api/auth/password-reset/confirm": { status: 204 } });
    render(<ResetPasswordForm token="abc123" />);
    await userEvent.type(screen.getByLabelText("New password"), "a new password");
    await userEvent.click(screen.getByRole("button", { name: "Set new password" }));

    expect(backend.seen[0]?.body).toEqual({ token: "abc123", new_password: "a new password" });
    expect(router.replace).toHaveBeenCalledWith("/sign-in?reset=done");
  });

  it("says when the link is no good any more", async () => {
    fakeBackend({
      "POST /api/auth/password-reset/confirm": { status: 400, body: { detail: "x" } },
    });
    render(<ResetPasswordForm token="used" />);
    await userEvent.type(screen.getByLabelText("New password"), "a new password");
    await userEvent.click(screen.getByRole("button", { name: "Set new password" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("invalid, already used or expired");
    expect(router.replace).not.toHaveBeenCalled();
  });
});
