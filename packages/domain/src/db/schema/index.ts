export * from "./clientele";
export * from "./core";
export * from "./relations";
export * from "./znuny";
