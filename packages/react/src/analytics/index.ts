// Filled in by the feature; kept as an entry point so the subpath export exists from day one.
export {};
