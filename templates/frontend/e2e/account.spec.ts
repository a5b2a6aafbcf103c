import { expect, test } from "@playwright/test";
import { PASSWORD, signUp } from "./helpers";

test("change the password, then sign in with the new one only", async ({ page }) => {
  const email = await signUp(page);
  const newPassword = "a brand new passphrase";

  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByText(email)).toBeVisible();
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  // Next's route announcer is an alert too: pick ours by its text.
  await expect(
    page.getByRole("alert").filter({ hasText: "Your current password is not right." }),
  ).toBeVisible();

  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password has been changed.")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "That email and password do not match an account." }),
  ).toBeVisible();

  await page.getByLabel("Password").fill(newPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/notes$/);
});

test("asking for a password reset never reveals whether an account exists", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  // The sign-in page has an Email field too: wait until the new page is there.
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill("nobody-here@example.com");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText(
    "If nobody-here@example.com belongs to an account",
  );
});
