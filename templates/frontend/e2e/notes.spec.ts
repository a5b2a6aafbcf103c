import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

test("notes are paged, edited, and deleted only after confirming", async ({ page }) => {
  await signUp(page);
  // Eleven notes through the API (same origin, same cookie): one more than a page holds.
  for (let number = 1; number <= 11; number += 1) {
    const response = await page.request.post("/api/notes", {
      data: { title: `Note ${number}`, body: `Body ${number}` },
    });
    expect(response.status()).toBe(201);
  }

  await page.goto("/notes");
  await expect(page.getByText("11 notes")).toBeVisible();
  await expect(page.getByText("Page 1 of 2")).toBeVisible();
  await expect(page.getByRole("link", { name: /Note 11/ })).toBeVisible();
  await page.getByRole("link", { name: "Older →" }).click();
  await expect(page).toHaveURL(/\/notes\?page=2$/);
  await expect(page.getByRole("link", { name: /Note 1\b/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Note 11/ })).toHaveCount(0);

  await page.getByRole("link", { name: /Note 1\b/ }).click();
  await page.getByLabel("Title").fill("First note, renamed");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "First note, renamed" })).toBeVisible();

  // Keyboard only: the question takes focus on Cancel, Escape backs out.
  await page.getByRole("button", { name: "Delete note" }).focus();
  await page.keyboard.press("Enter");
  await expect(
    page.getByText("Delete “First note, renamed”? This cannot be undone."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Delete note" })).toBeFocused();

  await page.getByRole("button", { name: "Delete note" }).click();
  await page.getByRole("button", { name: "Yes, delete it" }).click();
  await expect(page).toHaveURL(/\/notes$/);
  await expect(page.getByText("10 notes")).toBeVisible();
  await expect(page.getByText("Page 1 of 2")).toHaveCount(0);
});

test("unknown pages and other people's notes answer 404", async ({ page }) => {
  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  await signUp(page);
  const note = await page.goto("/notes/999999999");
  expect(note?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
