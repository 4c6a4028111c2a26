// Loads the session secret once, as a starting server does, and prints where it came from. The cross-process test in
// lib/auth/session-token.test.ts starts several of these against one DATA_DIR; each says "ready", then waits for the
// file GO_FILE to appear, so they all reach the secret at the same moment.
// Run as: tsx --conditions=react-server tests/bin/print-session-secret.ts
import { existsSync } from "node:fs";
import { loadSessionSecret } from "../../lib/auth/session-token";

const go = process.env.GO_FILE;
console.log("ready");
const timer = setInterval(() => {
  if (go && !existsSync(go)) return;
  clearInterval(timer);
  loadSessionSecret().then((loaded) => {
    console.log(JSON.stringify({ secret: loaded.secret, created: loaded.source === "file" && loaded.created }));
  });
}, 2);
