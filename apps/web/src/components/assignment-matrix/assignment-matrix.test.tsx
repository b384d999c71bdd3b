import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { type ReactNode, useState } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AssignmentMatrix, type MatrixColumn, type MatrixRow } from "./assignment-matrix";
import { type Assignments, useMatrixDraft } from "./draft";

const COLUMNS: MatrixColumn[] = [
  { id: "RO", label: "RO" },
  { id: "RW", label: "RW", implies: ["RO"] },
];

function Harness({ rows, saved = new Map() }: { rows: MatrixRow[]; saved?: Assignments }): ReactNode {
  const draft = useMatrixDraft(saved);
  const [filter, setFilter] = useState("");
  return (
    <AssignmentMatrix
      label="Groups of anna"
      rowHeader="Group"
      columns={COLUMNS}
      rows={rows.filter((r) => r.label.includes(filter))}
      draft={draft}
      filter={filter}
      onFilterChange={setFilter}
      filterLabel="Filter groups"
    />
  );
}

const groups = ["support", "billing", "stats"].map((name) => ({ id: name, label: name }));

// happy-dom lays nothing out, so the virtualiser would see a list 0 px high: give the list its size.
const real = {
  height: Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight"),
  width: Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientWidth"),
};
function sized(size: number, fallback: PropertyDescriptor | undefined): PropertyDescriptor {
  return {
    configurable: true,
    get(this: HTMLElement): number {
      return this.classList.contains("matrix-scroll") ? size : (fallback?.get?.call(this) ?? 0);
    },
  };
}
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", sized(520, real.height));
  Object.defineProperty(HTMLElement.prototype, "clientWidth", sized(800, real.width));
});
afterAll(() => {
  if (real.height) Object.defineProperty(HTMLElement.prototype, "clientHeight", real.height);
  if (real.width) Object.defineProperty(HTMLElement.prototype, "clientWidth", real.width);
});

describe("AssignmentMatrix", () => {
  it("ticking RW shows RO as ticked and implied; the count follows", async () => {
    render(<Harness rows={groups} />);
    expect(screen.getByText("0 ticked")).toBeTruthy();
    await userEvent.click(screen.getByRole("checkbox", { name: "RW for support" }));
    const ro = screen.getByRole("checkbox", { name: "RO for support" }) as HTMLInputElement;
    expect(ro.checked).toBe(true);
    expect(ro.disabled).toBe(true);
    expect(ro.title).toBe("Implied by RW");
    expect(screen.getByText("1 ticked")).toBeTruthy();
  });

  it("select all shown ticks only the rows the filter shows", async () => {
    render(<Harness rows={groups} />);
    await userEvent.type(screen.getByRole("searchbox", { name: "Filter groups" }), "s");
    expect(screen.getByText("2 shown")).toBeTruthy();
    await userEvent.click(screen.getByRole("checkbox", { name: "Select all shown: RO" }));
    expect(screen.getByText("2 ticked")).toBeTruthy();
    await userEvent.clear(screen.getByRole("searchbox", { name: "Filter groups" }));
    expect((screen.getByRole("checkbox", { name: "RO for billing" }) as HTMLInputElement).checked).toBe(
      false,
    );
  });

  it("10,000 rows: only the rows in view are in the DOM", () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ id: `u${i}`, label: `user${i}` }));
    render(<Harness rows={rows} saved={new Map([["u9999", new Set(["RO"])]])} />);
    expect(screen.getByText("10,000 shown")).toBeTruthy();
    expect(screen.getByText("1 ticked")).toBeTruthy();
    expect(screen.getByRole("table").getAttribute("aria-rowcount")).toBe("10001");
    const rendered = screen.getAllByRole("row").length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
  });
});
