import { type AdFacts, type SambaAd, startSambaAd } from "@clientele/samba-ad";
import type { TestProject } from "vitest/node";

export interface AdServerInfo {
  dir: string;
  ldapsUrl: string;
  ldapUrl: string;
  gcUrl: string;
  caFile: string;
  servername: string;
  baseDn: string;
  peopleDn: string;
  adminDn: string;
  adminPassword: string;
  facts: AdFacts;
  timings: Record<string, number>;
}

declare module "vitest" {
  export interface ProvidedContext {
    ad: AdServerInfo;
  }
}

let server: SambaAd | undefined;

/** Provisions and starts the Samba AD DC once per test run; the files read its facts via inject("ad"). */
export async function setup(project: TestProject): Promise<void> {
  server = await startSambaAd();
  const { stop: _stop, start: _start, destroy: _destroy, ...info } = server;
  console.log(
    `Samba AD DC ready in ${JSON.stringify(server.timings)} s (provision, load 1,200+ users, start)`,
  );
  project.provide("ad", info);
}

export async function teardown(): Promise<void> {
  await server?.destroy();
}
