import net from "node:net";

/**
 * A TCP port on 127.0.0.1 that nothing listens on, chosen by the kernel. Plain JavaScript with Node built-ins only:
 * `npm test` (scripts/test.mjs) needs it before dependencies are installed, the benchmark and the e2e specs too.
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
