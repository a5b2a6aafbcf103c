import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeBackend } from "@/test/fake-backend";
import { router } from "@/test/router";
import { SignInForm } from "./sign-in-form";

const user = {
  id: 1,
  email: "ada@example.com",
  display_name: "Ada",
  created_at: "2026-01-01T00:00:00Z",
};

async function fillAndSubmit(password: string) {
  await userEvent.type(screen.getByLabelText("Email"), "ada@example.com");
  await userEvent.type(screen.getByLabelText("Password"), password);
  await userEvent.keyboard("{Enter}");
}

describe("SignInForm", () => {
  it("signs in on the same origin and goes where the visitor was heading", async () => {
    const backend = fakeBackend({
      "POST /api/auth/login": {
        status: 200,
        body: { access_token: "t", token_type: "bearer", user },
      },
    });
    render(<SignInForm next="/notes/7" />);
    await fillAndSubmit("long enough");

    expect(backend.seen).toEqual([
      {
        method: "POST",
        path: "/api/auth/login",
        body: { email: "ada@example.com", password: "long enough" },
        credentials: "same-origin",
      },
    ]);
    expect(router.replace).toHaveBeenCalledWith("/notes/7");
  });

  it("says when the credentials are wrong and keeps what was typed", async () => {
    fakeBackend({
      "POST /api/auth/login": { status: 401, body: { detail: "Wrong email or password" } },
    });
    render(<SignInForm next="/notes" />);
    await fillAndSubmit("wrong password");

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "That email and password do not match an account.",
    );
    expect(screen.getByLabelText("Email")).toHaveValue("ada@example.com");
    expect(router.replace).not.toHaveBeenCalled();
  });

  it("reports a rate limit and an unreachable server", async () => {
    fakeBackend({ "POST /api/auth/login": { status: 429, body: { detail: "Too many attempts" } } });
    render(<SignInForm next="/notes" />);
    await fillAndSubmit("whatever1");
    expect(await screen.findByRole("alert")).toHaveTextContent("Too many attempts");

    fakeBackend({});
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not reach the server");
  });
});
