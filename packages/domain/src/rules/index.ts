// The field rules, browser-safe: nothing here may import Node.js, drizzle or a database driver, so
// the web app bundles this entry (`@clientele/domain/rules`) and checks forms by the same rules.
export * from "./agent";
export * from "./catalog";
export * from "./customer";
export * from "./customer-user";
export * from "./text";
