import { createServer, type Server, type Socket } from "node:net";
import { freePort } from "@clientele/slapd";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SourceUnavailableError } from "../../src/errors";
import { ad, adSource, recordingLogger, search } from "./helpers";

/**
 * Outages against AD: a DC that refuses simple binds without TLS, a wrong service password, a
 * port nobody listens on and a server that accepts connections but never answers. Each call
 * fails with SOURCE_UNAVAILABLE saying why, and each is logged with its cause, never a secret.
 */

let hung: Server;
let hungPort: number;
const sockets: Socket[] = [];
beforeAll(async () => {
  hungPort = await freePort();
  hung = createServer((socket) => {
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => hung.listen(hungPort, "127.0.0.1", resolve));
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => hung.close(resolve));
});

async function failure(work: () => Promise<unknown>): Promise<SourceUnavailableError> {
  const error = await work().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceUnavailableError);
  return error as SourceUnavailableError;
}

describe("outages against Active Directory", () => {
  test("ldap:// without TLS: the error says to use ldaps:// or startTls, and is logged", async () => {
    const { ldapUrl, adminPassword } = ad();
    const { logger, lines } = recordingLogger();
    const src = adSource({}, { url: ldapUrl }, logger);
    for (const call of [
      () => search(src, null),
      () => src.findByLogin("ad0001"),
      () => src.findByEmail("x@acc.test"),
    ]) {
      const error = await failure(call);
      expect(error.code).toBe("SOURCE_UNAVAILABLE");
      expect(error.message).toMatch(/transport encryption/i);
      expect(error.message).toMatch(/ldaps:\/\//);
      expect(error.message).toMatch(/startTls/);
    }
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(String(line.details.cause)).toMatch(/transport encryption/i);
      expect(JSON.stringify(line)).not.toContain(adminPassword);
    }
    expect((await src.health()).message).toMatch(/startTls/);
  });

  test("following the hint works: the same URL with startTls: true", async () => {
    const { ldapUrl } = ad();
    expect((await adSource({}, { url: ldapUrl, startTls: true }).findByLogin("ad0001"))?.login).toBe(
      "ad0001",
    );
  });

  test("a wrong service password is named and logged without any password", async () => {
    const { logger, lines } = recordingLogger();
    const wrong = "Wr0ng-Secret-Value";
    const error = await failure(() => adSource({}, { bindPassword: wrong }, logger).findByLogin("ad0001"));
    expect(error.message).toMatch(/invalid credentials \(params\.bindDn \/ bindPassword\)/);
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toContain(wrong);
    expect(lines[0]?.details.stage).toBe("bind");
  });

  test("nothing listening: connection refused, logged", async () => {
    const port = await freePort();
    const { logger, lines } = recordingLogger();
    const error = await failure(() =>
      adSource({}, { url: `ldaps://127.0.0.1:${port}` }, logger).findByLogin("x"),
    );
    expect(error.message).toMatch(/connection refused/);
    expect(String(lines[0]?.details.cause)).toMatch(/connection refused/);
  });

  test("a server that never answers: given up after timeoutMs, logged", async () => {
    const { logger, lines } = recordingLogger();
    const src = adSource({}, { url: `ldaps://127.0.0.1:${hungPort}`, timeoutMs: 1000 }, logger);
    const error = await failure(() => search(src, null));
    expect(error.message).toMatch(/no answer from ldaps:\/\/127\.0\.0\.1:\d+ within 1000 ms/);
    expect(lines[0]?.message).toBe("LDAP source unavailable");
  });
});
