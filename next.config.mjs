// Next.js configuration. PGlite runs in the server process (embedded mode), so it must stay an
// external Node package rather than be bundled; nothing here may reach the network at build time.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "postgres", "bcryptjs", "exceljs", "yauzl", "busboy"],
  poweredByHeader: false,
  typedRoutes: false,
  // Metadata in <head> from the first byte for every browser, not streamed in later: the page title is what
  // a screen reader announces first, and a late title failed axe's document-title check now and then.
  htmlLimitedBots: /.*/,
};

export default nextConfig;
