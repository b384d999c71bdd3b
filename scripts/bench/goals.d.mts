/** One goal of docs/performance/goals.md as a benchmark measured it (scripts/bench/goals.mjs). */
export function recordGoal(result: { goal: string; measured: string; met: boolean }): void;
