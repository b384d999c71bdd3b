import { describe, expect, test } from "vitest";
import { ad, adSource, recordingLogger, search } from "./helpers";

/** AD answers subtree searches at the domain root with continuation references to other partitions. */
describe("continuation references", () => {
  test("not followed: the result says limitReached and the log names the reference", async () => {
    const { baseDn, facts } = ad();
    const { logger, lines } = recordingLogger();
    const result = await search(adSource({}, { baseDn }, logger), null);
    expect(result.records.length).toBe(facts.users.length);
    expect(result.limitReached).toBe(true);
    const line = lines.find((l) => /continuation reference/.test(l.message));
    expect(String(line?.details.reference)).toMatch(
      /^ldaps?:\/\/acc\.test\/CN=Configuration,DC=acc,DC=test/i,
    );
  });

  test("followReferrals on a reference that cannot be reached: partial, logged with its cause", async () => {
    const { baseDn, facts } = ad();
    const { logger, lines } = recordingLogger();
    const src = adSource({}, { baseDn, followReferrals: true, timeoutMs: 20_000 }, logger);
    const result = await search(src, null);
    expect(result.records.length).toBe(facts.users.length);
    expect(result.limitReached).toBe(true);
    const line = lines.find((l) => /could not be followed/.test(l.message));
    expect(line?.details.cause).toBeTruthy();
  });

  test("below the domain root there are no references and the result is complete", async () => {
    const { facts } = ad();
    const { logger, lines } = recordingLogger();
    const result = await search(adSource({}, {}, logger), null);
    expect(result.records.length).toBe(facts.users.length);
    expect(result.limitReached).toBe(false);
    expect(lines).toEqual([]);
  });
});
