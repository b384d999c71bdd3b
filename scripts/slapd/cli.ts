/**
 * Command line for the throwaway slapd (e2e web server, manual runs):
 *   npx tsx scripts/slapd/cli.ts start [--dir D] [--port P] [--ldif F] [--fresh] [--tls] [--stock-paging]
 *   npx tsx scripts/slapd/cli.ts stop|restart|destroy --dir D
 * `start` leaves the server running and prints its facts as JSON; `--ldif` loads the entries below
 * the suffix from a file instead of the generated 1,600-user seed; `--fresh` first stops and wipes
 * whatever an earlier (perhaps aborted) run left in the directory.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startSlapd } from "./slapd";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    dir: { type: "string" },
    port: { type: "string" },
    ldif: { type: "string" },
    fresh: { type: "boolean", default: false },
    tls: { type: "boolean", default: false },
    "stock-paging": { type: "boolean", default: false },
  },
});
const command = positionals[0] ?? "start";
if (!["start", "stop", "restart", "destroy"].includes(command)) {
  console.error(`unknown command ${command}: start, stop, restart or destroy`);
  process.exit(2);
}
const made = values.dir !== undefined && existsSync(join(values.dir, "slapd.conf"));
if (command !== "start" && !made) {
  console.error(`${command} needs --dir pointing at a directory made by \`start\``);
  process.exit(2);
}

if (command === "start" && values.fresh && values.dir && made) {
  const old = await startSlapd({ dir: values.dir, detach: true, autoStart: false });
  await old.destroy();
}
if (command === "start" && values.fresh && values.dir) rmSync(values.dir, { recursive: true, force: true });

const server = await startSlapd({
  dir: values.dir,
  port: values.port ? Number(values.port) : undefined,
  ldif: values.ldif ? readFileSync(values.ldif, "utf8") : undefined,
  tls: values.tls,
  pagedTotal: values["stock-paging"] ? "stock" : "unlimited",
  detach: true,
  autoStart: command === "start" || command === "restart",
});
if (command === "restart") await server.restart();
if (command === "stop") await server.stop();
if (command === "destroy") await server.destroy();
if (command === "start" || command === "restart") {
  console.log(
    JSON.stringify(
      { url: server.url, ldapsUrl: server.ldapsUrl, dir: server.dir, pid: server.pid() },
      null,
      2,
    ),
  );
}
