import { expect, test, type Page } from "@playwright/test";
import { signUp } from "./helpers";

async function fitsTheScreen(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test("pages fit a phone screen without sideways scrolling", async ({ page }) => {
  await page.goto("/sign-up");
  await fitsTheScreen(page);
  await signUp(page);
  await page.request.post("/api/notes", {
    data: {
      title: "A title long enough to wrap on a narrow screen, surely",
      body: "x".repeat(400),
    },
  });
  await page.reload();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await fitsTheScreen(page);
  await page.getByRole("link", { name: /A title long enough/ }).click();
  await expect(page.getByLabel("Title")).toBeVisible();
  await fitsTheScreen(page);
});
