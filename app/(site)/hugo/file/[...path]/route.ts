import { findResource, loadContentIndex } from "@/lib/content";
import { fileResponse } from "@/lib/http/static-file";

// A Hugo site's file (static/, or a bundle's beside its post), reached only through proxy.ts's rewrite of its own
// URL. The path is checked again here (lib/content/resources.ts), never trusted from the rewrite.
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ path: string[] }> };

async function serve(request: Request, { params }: Context): Promise<Response> {
  const { path } = await params;
  const resource = findResource(await loadContentIndex(), `/${path.map(encodeURIComponent).join("/")}`);
  if (!resource) return new Response("Not found.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return fileResponse(resource, request);
}

export const GET = serve;
export const HEAD = serve;
