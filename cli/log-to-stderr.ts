// Imported first by cli/index.ts: the CLI's standard output is its answer (a token, CSV, JSON), so the server
// log goes to standard error, and only errors unless LOG_LEVEL says otherwise.
process.env.THROUGHLINE_LOG_DESTINATION ??= "stderr";
process.env.LOG_LEVEL ??= "error";
