/**
 * @since 0.1.0
 */
export * as Arbitraries from "./Arbitraries.js"
export * as Cli from "./Cli.js"
export * as Credentials from "./Credentials.js"
export * as Datasets from "./Datasets.js"
export * as ExactJson from "./ExactJson.js"
export * as MockClock from "./MockClock.js"
export * as MockHttp from "./MockHttp.js"
export * as Records from "./Records.js"
export * as Settings from "./Settings.js"
export * as Endpoint from "./Endpoint.js"
export * as Endpoints from "./Endpoints.js"
export * as MockState from "./MockState.js"
export * as Pipeline from "./Pipeline.js"
export * as Server from "./Server.js"
export * as Testkit from "./Testkit.js"
