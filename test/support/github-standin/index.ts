export { GitHubStandin, type Fault, type TokenGrant } from "./server.js";
export { OPERATION_IDS, type OperationId } from "./spec.js";
