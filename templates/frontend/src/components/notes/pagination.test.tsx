import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Pagination } from "./pagination";

describe("Pagination", () => {
  it("links to the neighbouring pages only", () => {
    render(<Pagination page={2} pageCount={3} />);
    expect(screen.getByRole("link", { name: "← Newer" })).toHaveAttribute("href", "/notes?page=1");
    expect(screen.getByRole("link", { name: "Older →" })).toHaveAttribute("href", "/notes?page=3");
    expect(screen.getByText("Page 2 of 3")).toBeInTheDocument();
  });

  it("has nothing to show for a single page", () => {
    const { container } = render(<Pagination page={1} pageCount={1} />);
    expect(container).toBeEmptyDOMElement();
  });
});
