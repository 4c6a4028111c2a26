/**
 * Scaling past one process, proved in part on loopback: a second `next start` of the same build, sharing
 * CONTENT_DIR, DATA_DIR and SESSION_SECRET, behind the shipped nginx with both upstreams. What it shows: a session
 * made on one instance is honoured by the other; a server action of the build runs on either; and how long the
 * other instance takes to show a featured toggle without a shared Next cache (its own ISR clock: up to `revalidate`).
 */
import { featuredRegion, setFeaturedOverHttp, signIn } from "./admin-client";
import { startShippedNginx } from "./anchors";
import { startFolio } from "./folio";
import { freePort, type Env, type Server } from "./procs";

export type TwoInstances = {
  sessionSharedOk: boolean;
  actionOnSecondOk: boolean;
  /** ms until the first instance's home showed a toggle made on the second; null when not within the wait. */
  otherInstanceShowsMs: number | null;
  waitedMs: number;
  /** Of 20 requests through nginx right after the toggle, how many home pages showed it. */
  throughProxyFresh: number;
};

async function homeShows(origin: string, title: string): Promise<boolean> {
  return featuredRegion(await (await fetch(`${origin}/`)).text()).includes(title);
}

export async function proveTwoInstances(input: { root: string; env: Env; work: string; distDir: string; first: string; cpus?: string; servers: Server[]; user: { email: string; password: string }; post: { slug: string; title: string }; waitMs: number }): Promise<TwoInstances> {
  const port = await freePort();
  const second = `http://127.0.0.1:${port}`;
  const b = await startFolio(input.root, input.env, port, input.cpus);
  input.servers.push(b);
  const proxyPort = await freePort();
  input.servers.push(await startShippedNginx(input.root, `${input.work}/nginx-two`, proxyPort, [Number(new URL(input.first).port), port], input.cpus));

  const cookie = await signIn(input.first, input.distDir, input.user.email, input.user.password);
  const dashboard = await fetch(`${second}/admin`, { headers: { Cookie: cookie }, redirect: "manual" });
  const sessionSharedOk = dashboard.status === 200 && (await dashboard.text()).includes(input.user.email);

  // Warm the first instance's home so it holds a cached copy from before the toggle.
  await homeShows(input.first, input.post.title);
  const start = performance.now();
  let actionOnSecondOk = true;
  try {
    await setFeaturedOverHttp(second, input.distDir, cookie, input.post.slug, true);
  } catch {
    actionOnSecondOk = false;
  }
  let throughProxyFresh = 0;
  for (let i = 0; i < 20; i++) if (await homeShows(`http://127.0.0.1:${proxyPort}`, input.post.title)) throughProxyFresh++;
  let otherInstanceShowsMs: number | null = null;
  while (actionOnSecondOk && performance.now() - start < input.waitMs) {
    if (await homeShows(input.first, input.post.title)) {
      otherInstanceShowsMs = performance.now() - start;
      break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (actionOnSecondOk) await setFeaturedOverHttp(second, input.distDir, cookie, input.post.slug, false);
  return { sessionSharedOk, actionOnSecondOk, otherInstanceShowsMs, waitedMs: input.waitMs, throughProxyFresh };
}
