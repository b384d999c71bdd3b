import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "../../src/security/database-errors";
import { safeError } from "../../src/security/logging";

const withCode = (code: string, message = "x", cause?: unknown) =>
  Object.assign(new Error(message, cause ? { cause } : undefined), { code });

describe("telling a database outage from a failing statement", () => {
  it("recognises connection failures of the driver and the server, also as the cause of a query error", () => {
    for (const code of [
      "ECONNREFUSED",
      "ECONNRESET",
      "CONNECTION_CLOSED",
      "CONNECT_TIMEOUT",
      "08006",
      "08001",
      "57P01",
      "57P03",
      "53300",
      "3D000",
    ]) {
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
      expect(
        isDatabaseUnavailable(new Error("Failed query: select 1", { cause: withCode(code) })),
        code,
      ).toBe(true);
    }
    expect(
      isDatabaseUnavailable(withCode("55000", 'database "x" is not currently accepting connections')),
    ).toBe(true);
  });

  it("leaves statement errors alone", () => {
    for (const code of ["23505", "42703", "42P01", "55000", "40001", "22001"]) {
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(false);
    }
    expect(isDatabaseUnavailable(new Error("plain"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });

  it("logs an error without the SQL parameters drizzle puts in its message, and without other properties", () => {
    const error = Object.assign(
      new Error('Failed query: select * from users where login = $1\nparams: secret-login,"pw-hash"', {
        cause: Object.assign(withCode("23505", "duplicate key"), {
          detail: "Key (login)=(secret-login) already exists.",
          parameters: ["secret-login"],
        }),
      }),
      { params: ["secret-login"] },
    );
    const logged = JSON.stringify(safeError(error));
    expect(logged).not.toContain("secret-login");
    expect(logged).not.toContain("pw-hash");
    expect(safeError(error)).toMatchObject({
      message: "Failed query: select * from users where login = $1",
      cause: { sqlstate: "23505", message: "duplicate key" },
    });
  });
});
