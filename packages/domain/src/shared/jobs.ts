import { BadInputError } from "../errors";

/** The states of a background job (dynamic-field backfill, CSV import). */
export type JobState = "QUEUED" | "RUNNING" | "DONE" | "FAILED" | "CANCELLED";

/** Largest value of a PostgreSQL `serial` column such as a job id. */
export const MAX_SERIAL_ID = 2_147_483_647;

/** A job id from the API: a positive whole number; null when beyond the id column's range (no such job). */
export function parseJobId(id: number | string): number | null {
  const jobId = Number(id);
  if (!Number.isSafeInteger(jobId) || jobId < 1) {
    throw new BadInputError("id", "A job id is a positive whole number.");
  }
  return jobId > MAX_SERIAL_ID ? null : jobId;
}
