export * from "./auth";
export * from "./jobs";
export * from "./tickets";
export * from "./sync";
export * from "./projects";
export * from "./notifications";
