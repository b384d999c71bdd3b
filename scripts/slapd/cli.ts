/**
 * Command line for the throwaway slapd (e2e web server, manual runs):
 *   npx tsx scripts/slapd/cli.ts start [--dir D] [--port P] [--tls] [--stock-paging]
 *   npx tsx scripts/slapd/cli.ts stop|restart|destroy --dir D
 * `start` prints the server's facts as JSON and leaves it running.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startSlapd } from "./slapd";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    dir: { type: "string" },
    port: { type: "string" },
    tls: { type: "boolean", default: false },
    "stock-paging": { type: "boolean", default: false },
  },
});
const command = positionals[0] ?? "start";

if (command !== "start" && !(values.dir && existsSync(join(values.dir, "slapd.conf")))) {
  console.error(`${command} needs --dir pointing at a directory made by \`start\``);
  process.exit(2);
}

const server = await startSlapd({
  dir: values.dir,
  port: values.port ? Number(values.port) : undefined,
  tls: values.tls,
  pagedTotal: values["stock-paging"] ? "stock" : "unlimited",
  detach: true,
  autoStart: command === "start" || command === "restart",
});
switch (command) {
  case "start":
  case "restart":
    if (command === "restart") await server.restart();
    console.log(
      JSON.stringify(
        { url: server.url, ldapsUrl: server.ldapsUrl, dir: server.dir, pid: server.pid() },
        null,
        2,
      ),
    );
    break;
  case "stop":
    await server.stop();
    break;
  case "destroy":
    await server.destroy();
    break;
  default:
    console.error(`unknown command ${command}: start, stop, restart or destroy`);
    process.exit(2);
}
