export * from "./causes";
export * from "./filters";
