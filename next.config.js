/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm start` builds first; a type error in a test or a half-finished module must not stop the
  // app from starting. Types are checked by `npm run typecheck`, which `npm test` runs first.
  typescript: { ignoreBuildErrors: true },
  // PHI app: never advertise the stack, never let the browser guess content types.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
