import { lookup } from "node:dns/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Catalogue sources are URLs that coordinators type and the server fetches, so a source must not
 * become a way to reach the portal's own network (server-side request forgery, issue 7 point 10).
 * Every host is resolved and each address classified (ipaddr.js, ADR 009); only public unicast
 * addresses pass, unless an operator names the host in CATALOGUE_ALLOWED_INTERNAL_HOSTS. The check
 * runs when a source is saved and again on every fetch and redirect, and the connection is pinned
 * to the address that was checked, so a name that resolves differently a moment later (DNS
 * rebinding) cannot slip through.
 */

export const MAX_REDIRECTS = 5;

/** Why a URL was refused; kept for the server log only, never shown (see neutralFetchError). */
export class AddressRefusedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "AddressRefusedError";
  }
}

/**
 * One text for every refusal and every failure to connect, in Swedish for the coordinator: a
 * refused internal address, an unknown name, a closed port and a silent one all read alike, so the
 * harvest cannot be used to map the internal network.
 */
export function neutralFetchError(location: string) {
  return `Katalogen på ${location} kunde inte hämtas: adressen gick inte att nå eller är inte tillåten som katalogkälla.`;
}

/**
 * Hosts (names or addresses, as written in the URL) that may be internal: a comma- or
 * space-separated list in CATALOGUE_ALLOWED_INTERNAL_HOSTS, read on each check so an operator's
 * change needs no code. `localhost`-style names must be listed exactly.
 */
export function allowedInternalHosts(): Set<string> {
  return new Set(
    (process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS ?? "")
      .split(/[\s,]+/)
      .map((host) => bareHost(host.trim().toLowerCase()))
      .filter(Boolean),
  );
}

function bareHost(hostname: string) {
  return hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
}

/**
 * True for a public unicast address. IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4
 * address it carries; every special range ipaddr.js knows (loopback, private, link-local,
 * unique-local, unspecified, carrier-grade NAT, multicast, broadcast, reserved, 6to4, Teredo, …)
 * is refused, since a catalogue on the internet is never there.
 */
export function isPublicAddress(address: string) {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

export interface CheckedAddress {
  url: URL;
  /** The address to connect to: the one that was checked. */
  address: string;
  family: 4 | 6;
}

/**
 * Parses the URL as a browser would (WHATWG: `127.1`, `0x7f.0.0.1`, `2130706433` and
 * `017700000001` all become 127.0.0.1), resolves its host and refuses it unless every address it
 * resolves to is public, or the host is on the operator's list.
 */
export async function checkCatalogueAddress(location: string | URL): Promise<CheckedAddress> {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new AddressRefusedError("not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new AddressRefusedError(`protocol ${url.protocol}`);
  const host = bareHost(url.hostname.toLowerCase());
  if (!host) throw new AddressRefusedError("no host");
  const allowed = allowedInternalHosts().has(host);

  const literal = isIP(host);
  const addresses = literal
    ? [{ address: host, family: literal as 4 | 6 }]
    : await lookup(host, { all: true, verbatim: true }).then(
        (found) => found.map((a) => ({ address: a.address, family: a.family as 4 | 6 })),
        (error: unknown) => {
          throw new AddressRefusedError(`lookup of ${host} failed: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
  if (addresses.length === 0) throw new AddressRefusedError(`${host} has no address`);
  if (!allowed) {
    const internal = addresses.find((a) => !isPublicAddress(a.address));
    if (internal) throw new AddressRefusedError(`${host} resolves to ${internal.address}, which is not public`);
  }
  return { url, address: addresses[0].address, family: addresses[0].family };
}

/** A DNS lookup that always answers with the address already checked. */
function pinnedLookup(checked: CheckedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: checked.address, family: checked.family }]);
    else callback(null, checked.address, checked.family);
  }) as LookupFunction;
}

function requestOnce(checked: CheckedAddress, headers: Record<string, string>, signal: AbortSignal) {
  const transport = checked.url.protocol === "https:" ? https : http;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const request = transport.request(checked.url, { method: "GET", headers, signal, lookup: pinnedLookup(checked) }, resolve);
    request.on("error", reject);
    request.end();
  });
}

export interface PinnedResponse {
  response: IncomingMessage;
  /** Where the catalogue was found, after redirects. */
  url: URL;
}

/**
 * GET with the address check before each hop: redirects are followed by hand (at most
 * MAX_REDIRECTS), each new location checked like the first. Refusals and connection failures throw
 * AddressRefusedError or the network error; the caller turns both into neutralFetchError.
 */
export async function fetchCheckedUrl(
  location: string,
  options: { headers: Record<string, string>; signal: AbortSignal },
): Promise<PinnedResponse> {
  let next: string | URL = location;
  for (let hop = 0; ; hop++) {
    const checked = await checkCatalogueAddress(next);
    const response = await requestOnce(checked, options.headers, options.signal);
    const status = response.statusCode ?? 0;
    const redirectTo = response.headers.location;
    if (status >= 300 && status < 400 && redirectTo) {
      response.resume();
      if (hop >= MAX_REDIRECTS) throw new AddressRefusedError(`more than ${MAX_REDIRECTS} redirects`);
      next = new URL(redirectTo, checked.url);
      continue;
    }
    return { response, url: checked.url };
  }
}
