export * from "./clientele";
export * from "./core";
export * from "./relations";
