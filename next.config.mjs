// Next.js configuration. PGlite runs in the server process (embedded mode), so it must stay an
// external Node package rather than be bundled; nothing here may reach the network at build time.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "postgres", "bcryptjs", "exceljs", "yauzl", "busboy"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
