// The goals of the performance work (docs/performance/goals.md), checked by the benchmarks
// themselves: each benchmark calls recordGoal() with what it measured, and `pnpm bench` prints the
// table of every goal at the end, so one run shows which are met.
//   node scripts/bench/goals.mjs reset   forget the goals of an earlier run (pnpm bench does it first)
//   node scripts/bench/goals.mjs print   print the table and how many goals are met
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const FILE = join(fileURLToPath(new URL("../..", import.meta.url)), ".tmp", "bench-goals.jsonl");

/**
 * @param {{ goal: string; measured: string; met: boolean }} result one goal: what it asks, what
 *   the benchmark measured (with units), and whether that meets it
 */
export function recordGoal(result) {
  mkdirSync(dirname(FILE), { recursive: true });
  appendFileSync(FILE, `${JSON.stringify(result)}\n`);
}

function print() {
  if (!existsSync(FILE)) {
    console.log("No goals were recorded: run pnpm bench.");
    return 1;
  }
  const goals = readFileSync(FILE, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  console.log("\nGoals (docs/performance/goals.md)\n");
  console.log("| goal | measured | met |");
  console.log("|---|---|---|");
  for (const g of goals) console.log(`| ${g.goal} | ${g.measured} | ${g.met ? "yes" : "**no**"} |`);
  const missed = goals.filter((g) => !g.met).length;
  console.log(
    missed === 0 ? `\nAll ${goals.length} goals met.` : `\n${missed} of ${goals.length} goals not met.`,
  );
  return missed === 0 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (command === "reset") {
    rmSync(FILE, { force: true });
  } else if (command === "print") process.exitCode = print();
  else {
    console.error("usage: node scripts/bench/goals.mjs reset|print");
    process.exitCode = 2;
  }
}
