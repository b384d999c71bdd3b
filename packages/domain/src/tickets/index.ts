export * from "./attributes";
export * from "./backfill";
export * from "./dynamic-fields";
export * from "./service";
export * from "./states";
export { dynamicFieldHistoryName } from "./values";
