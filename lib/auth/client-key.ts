import "server-only";
import { isIP } from "node:net";
import { readEnv } from "@/lib/config/env";
import { PEER_CHECK_HEADER, peerCheckToken } from "@/lib/http/peer";

/** The client key when no address is known; the throttle does not count it, as it would be shared by everyone. */
export const UNKNOWN_CLIENT = "unknown";

/** Anything with a case-insensitive `get`, such as `Headers` or Next's `headers()`. */
export type HeaderReader = { get(name: string): string | null };

const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * The /64 network of an IPv6 address: one subscriber usually holds a whole /64, so counting single addresses
 * would hand an attacker 2^64 fresh counters.
 */
function ipv6Network(address: string): string | null {
  let host: string;
  try {
    // The URL parser canonicalizes IPv6 (hex groups only, "::" compressed), which leaves little to expand here.
    host = new URL(`http://[${address}]`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  const [head = "", tail] = host.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return `${groups.slice(0, 4).join(":")}::/64`;
}

/** A stable key for an IP address, or null when `raw` is not one. */
function addressKey(raw: string): string | null {
  const address = raw.trim().replace(/%.*$/, ""); // a zone id ("%eth0") names the local interface, not the client
  const mapped = MAPPED_IPV4.exec(address);
  if (mapped?.[1] && isIP(mapped[1]) === 4) return `ip:${mapped[1]}`;
  if (isIP(address) === 4) return `ip:${address}`;
  if (isIP(address) === 6) {
    const network = ipv6Network(address);
    return network ? `ip:${network}` : null;
  }
  return null;
}

function lastForwarded(headers: HeaderReader): string | null {
  const entries = (headers.get("x-forwarded-for") ?? "").split(",");
  return addressKey(entries[entries.length - 1] ?? "");
}

/**
 * The throttle's key for the client behind a request. With `trustProxy` (TRUST_PROXY=1: a reverse proxy that
 * appends the peer address to X-Forwarded-For is the only way in), the right-most X-Forwarded-For entry, which
 * that proxy wrote; entries to its left come from the client and are ignored. Otherwise the socket's remote
 * address: given, or (a server action has no socket) the X-Forwarded-For that Next.js filled from the socket after
 * proxy.ts removed the client's own, believed only when proxy.ts marked the request (lib/http/peer.ts). Else
 * {@link UNKNOWN_CLIENT}, so rotating X-Forwarded-For can never reset a client's counter.
 */
export function clientKeyFrom(headers: HeaderReader, remoteAddress?: string, trustProxy = readEnv("TRUST_PROXY")): string {
  if (trustProxy) {
    const key = lastForwarded(headers);
    if (key) return key;
  }
  if (remoteAddress?.trim()) return addressKey(remoteAddress) ?? `addr:${remoteAddress.trim().slice(0, 100)}`;
  if (headers.get(PEER_CHECK_HEADER) === peerCheckToken()) return lastForwarded(headers) ?? UNKNOWN_CLIENT;
  return UNKNOWN_CLIENT;
}
