// The goals of the performance work (docs/performance/goals.md), checked by the benchmarks
// themselves: each benchmark calls recordGoal() with what it measured, and `pnpm bench` prints the
// table of every goal at the end, so one run shows which are met.
//   node scripts/bench/goals.mjs reset   forget the goals of an earlier run (pnpm bench does it first)
//   node scripts/bench/goals.mjs print   print the table and how many goals are met
// Both also time a fixed piece of CPU work (the machine reference): this machine's speed changes
// from day to day by a factor of two or more, so figures of two runs compare only beside it.
import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const FILE = join(fileURLToPath(new URL("../..", import.meta.url)), ".tmp", "bench-goals.jsonl");
const REFERENCE_FILE = join(dirname(FILE), "bench-machine.json");

/**
 * The machine reference in ms: the median of 5 timings of the same single-threaded work, much
 * like a server's (1000 generated users turned into JSON and back 20 times, 4 MB hashed with
 * SHA-256). Lower is faster.
 */
export function machineReference() {
  const users = Array.from({ length: 1000 }, (_, i) => ({
    login: `user.${i}`,
    firstName: `First${i % 97}`,
    lastName: `Last${i % 89}`,
    email: `user.${i}@example.com`,
    customerId: `cust${i % 50}`,
    groups: [{ id: i % 7, name: `group ${i % 7}`, permissions: ["ro", "rw"] }],
  }));
  const block = Buffer.alloc(1 << 20, 7);
  const times = [];
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    for (let i = 0; i < 20; i++) JSON.parse(JSON.stringify(users));
    for (let i = 0; i < 4; i++) createHash("sha256").update(block).digest();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[2];
}

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
  const start = existsSync(REFERENCE_FILE) ? JSON.parse(readFileSync(REFERENCE_FILE, "utf8")).ms : null;
  console.log(
    `Machine reference (scripts/bench/goals.mjs, lower is faster): ${start === null ? "?" : start.toFixed(1)} ms at the start, ${machineReference().toFixed(1)} ms at the end.`,
  );
  return missed === 0 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (command === "reset") {
    rmSync(FILE, { force: true });
    mkdirSync(dirname(FILE), { recursive: true });
    writeFileSync(REFERENCE_FILE, JSON.stringify({ ms: machineReference() }));
  } else if (command === "print") process.exitCode = print();
  else {
    console.error("usage: node scripts/bench/goals.mjs reset|print");
    process.exitCode = 2;
  }
}
