import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { agentResolvers } from "./agents/resolvers";
import { auditResolvers } from "./audit/resolvers";
import { authResolvers } from "./auth/resolvers";
import { baseResolvers } from "./base/resolvers";
import { customerUserResolvers } from "./customer-users/resolvers";
import { customerResolvers } from "./customers/resolvers";
import { gdprResolvers } from "./gdpr/resolvers";
import type { Resolvers } from "./generated/resolvers";
import { groupResolvers } from "./groups/resolvers";
import { importResolvers } from "./imports/resolvers";
import { serviceResolvers } from "./services/resolvers";
import { settingsResolvers } from "./settings/resolvers";
import { sourceResolvers } from "./sources/resolvers";
import { ticketResolvers } from "./tickets/resolvers";

const here = dirname(fileURLToPath(import.meta.url));
/** Beside this file when run from source; under dist/graphql in the production bundle (scripts/build.mjs). */
const sdlRoot = existsSync(join(here, "base", "schema.graphql")) ? here : join(here, "graphql");

/** The SDL, one `schema.graphql` per module folder; `base` first because it declares the root types. */
export function loadTypeDefs(): string[] {
  const modules = readdirSync(sdlRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort((a, b) => (a === "base" ? -1 : b === "base" ? 1 : a.localeCompare(b)));
  return modules.flatMap((m) => {
    try {
      return [readFileSync(join(sdlRoot, m, "schema.graphql"), "utf8")];
    } catch {
      return [];
    }
  });
}

/** Resolver maps of every module; Apollo merges them field by field. */
export const resolvers: Resolvers[] = [
  baseResolvers,
  authResolvers,
  agentResolvers,
  customerResolvers,
  customerUserResolvers,
  sourceResolvers,
  groupResolvers,
  serviceResolvers,
  settingsResolvers,
  auditResolvers,
  ticketResolvers,
  gdprResolvers,
  importResolvers,
];
