import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeBackend } from "@/test/fake-backend";
import { router } from "@/test/router";
import { SignUpForm } from "./sign-up-form";

async function fillAndSubmit() {
  await userEvent.type(screen.getByLabelText("Your name"), "Ada");
  await userEvent.type(screen.getByLabelText("Email"), "ada@example.com");
  await userEvent.type(screen.getByLabelText("Password"), "long enough");
  await userEvent.click(screen.getByRole("button", { name: "Create account" }));
}

describe("SignUpForm", () => {
  it("labels every field and tells the password rule", () => {
    render(<SignUpForm />);
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("At least 8 characters.");
    expect(screen.getByLabelText("Password")).toHaveAttribute("minlength", "8");
    expect(screen.getByLabelText("Email")).toHaveAttribute("type", "email");
  });

  it("creates the account and opens the notes", async () => {
    const backend = fakeBackend({ "POST /api/auth/register": { status: 201, body: {} } });
    render(<SignUpForm />);
    await fillAndSubmit();
    expect(backend.seen[0]?.body).toEqual({
      display_name: "Ada",
      email: "ada@example.com",
      password: "long enough",
    });
    expect(router.replace).toHaveBeenCalledWith("/notes");
  });

  it("explains a taken email and the backend's validation errors", async () => {
    fakeBackend({ "POST /api/auth/register": { status: 409, body: { detail: "exists" } } });
    render(<SignUpForm />);
    await fillAndSubmit();
    expect(await screen.findByRole("alert")).toHaveTextContent("already exists");

    fakeBackend({
      "POST /api/auth/register": {
        status: 422,
        body: { detail: [{ loc: ["body", "email"], msg: "value is not a valid email address" }] },
      },
    });
    await userEvent.click(screen.getByRole("button", { name: "Create account" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Email: value is not a valid email address.",
    );
  });
});
