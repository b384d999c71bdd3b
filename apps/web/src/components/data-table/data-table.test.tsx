import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type DataColumn, DataTable } from "./data-table";

interface Person {
  login: string;
  name: string;
  valid: "VALID" | "INVALID";
}

const columns: DataColumn<Person>[] = [
  { id: "login", header: "Login", value: (p) => p.login },
  { id: "name", header: "Name", value: (p) => p.name },
  { id: "valid", header: "Validity", value: (p) => p.valid, cell: (p) => <em>{p.valid.toLowerCase()}</em> },
];

const people: Person[] = [
  { login: "carol", name: "Zed", valid: "VALID" },
  { login: "Alice", name: "Young", valid: "INVALID" },
  { login: "bob", name: "", valid: "VALID" },
];

function bodyRows(): HTMLElement[] {
  const [, body] = screen.getAllByRole("rowgroup");
  return within(body!).getAllByRole("row");
}

describe("DataTable", () => {
  it("sorts case-insensitively by the initial column and toggles on header click", async () => {
    render(
      <DataTable
        label="People"
        data={people}
        columns={columns}
        rowId={(p) => p.login}
        initialSort={{ id: "login" }}
      />,
    );
    expect(bodyRows().map((r) => within(r).getAllByRole("cell")[0]!.textContent)).toEqual([
      "Alice",
      "bob",
      "carol",
    ]);
    expect(screen.getByRole("columnheader", { name: /Login/ }).getAttribute("aria-sort")).toBe("ascending");

    await userEvent.click(screen.getByRole("button", { name: /Login/ }));
    expect(bodyRows().map((r) => within(r).getAllByRole("cell")[0]!.textContent)).toEqual([
      "carol",
      "bob",
      "Alice",
    ]);
  });

  it("puts empty values last when sorting", async () => {
    render(<DataTable label="People" data={people} columns={columns} rowId={(p) => p.login} />);
    await userEvent.click(screen.getByRole("button", { name: /Name/ }));
    expect(bodyRows().map((r) => within(r).getAllByRole("cell")[1]!.textContent)).toEqual([
      "Young",
      "Zed",
      "",
    ]);
  });

  it("mutes the rows the screen marks (invalid records) and renders custom cells", () => {
    render(
      <DataTable
        label="People"
        data={people}
        columns={columns}
        rowId={(p) => p.login}
        isMuted={(p) => p.valid !== "VALID"}
        initialSort={{ id: "login" }}
      />,
    );
    const [alice, bob] = bodyRows();
    expect(alice!.className).toContain("row-muted");
    expect(within(alice!).getByText("invalid").tagName).toBe("EM");
    expect(bob!.className).not.toContain("row-muted");
  });

  it("shows the loading state and the empty state", () => {
    const { rerender } = render(
      <DataTable label="People" data={[]} columns={columns} rowId={(p) => p.login} loading />,
    );
    expect(screen.getByRole("status").textContent).toBe("Loading…");
    rerender(
      <DataTable label="People" data={[]} columns={columns} rowId={(p) => p.login} empty="Nobody here." />,
    );
    expect(screen.getByText("Nobody here.")).toBeTruthy();
  });

  afterEach(() => vi.restoreAllMocks());

  it("keeps only the visible rows of a long list in the DOM", async () => {
    // happy-dom has no layout: give the scroll container a viewport of 600 px.
    vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockReturnValue(1000);
    const many: Person[] = Array.from({ length: 5000 }, (_, i) => ({
      login: `user${String(i).padStart(5, "0")}`,
      name: `Name ${i}`,
      valid: "VALID",
    }));
    render(
      <DataTable
        label="People"
        data={many}
        columns={columns}
        rowId={(p) => p.login}
        initialSort={{ id: "login" }}
      />,
    );
    await waitFor(() => expect(bodyRows().length).toBeGreaterThan(1));
    const rendered = bodyRows().filter((r) => !r.classList.contains("data-table-spacer"));
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(100);
    expect(screen.getByRole("table").getAttribute("aria-rowcount")).toBe("5001");
    expect(within(rendered[0]!).getAllByRole("cell")[0]!.textContent).toBe("user00000");
  });
});
