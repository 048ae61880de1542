// Integration suites wait on PostgreSQL, Redis and the mock broker while other suites load the same
// two cores: these are deadlines for hangs, not measurements. (A project's `testTimeout` is not applied.)
jest.setTimeout(60_000);
