import { lookup } from "node:dns/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { config } from "../../db/config.server";
import { harvestMessage, renderHarvestMessage, type HarvestMessage } from "./harvest-message";

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
 * One message for every refusal and every failure to connect, told the coordinator in their language: a
 * refused internal address, an unknown name, a closed port and a silent one all read alike, so the
 * harvest cannot be used to map the internal network.
 */
export function neutralFetchMessage(location: string): HarvestMessage {
  return harvestMessage("harvest.error.unreachable", { location });
}

/** The same text in Swedish, as the command line prints it. */
export function neutralFetchError(location: string) {
  return renderHarvestMessage("sv", neutralFetchMessage(location));
}

/**
 * Hosts (names or addresses, as written in the URL) that may be internal: a comma- or
 * space-separated list in CATALOGUE_ALLOWED_INTERNAL_HOSTS (db/config.server.ts), asked for on each
 * check. `localhost`-style names must be listed exactly.
 */
export function allowedInternalHosts(): Set<string> {
  return new Set(config().catalogueAllowedInternalHosts.map(bareHost));
}

function bareHost(hostname: string) {
  return hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
}

/**
 * True for a public unicast address. IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4
 * address it carries; every special range ipaddr.js knows (loopback, private, link-local,
 * unique-local, unspecified, carrier-grade NAT, multicast, broadcast, reserved, 6to4, Teredo,
 * NAT64's local-use prefix, …) is refused, since a catalogue on the internet is never there.
 * ipaddr.js calls the deprecated IPv4-compatible range `::/96` plain unicast, yet a host that
 * still routes it reaches the IPv4 address inside (`[::7f00:1]` is 127.0.0.1), so any IPv6 that
 * embeds an IPv4 address is judged by that address as well (see embeddedIPv4).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv4") return parsed.range() === "unicast";
  const ipv6 = parsed as ipaddr.IPv6;
  const embedded = embeddedIPv4(ipv6);
  if (embedded === "refuse") return false;
  // The well-known NAT64 prefix is how an IPv6-only server with DNS64 reaches an IPv4 catalogue:
  // it is as public as the address it translates to.
  if (ipv6.match(NAT64_WELL_KNOWN)) return embedded !== null && embedded.range() === "unicast";
  return ipv6.range() === "unicast" && (embedded === null || embedded.range() === "unicast");
}

const NAT64_WELL_KNOWN = ipaddr.parseCIDR("64:ff9b::/96");
const IPV4_COMPATIBLE = ipaddr.parseCIDR("::/96");

/**
 * The IPv4 address an IPv6 address carries in its last 32 bits, for the forms that do so: NAT64
 * (`64:ff9b::/96`) and ISATAP interface ids (`…:0:5efe:a.b.c.d`, `…:200:5efe:a.b.c.d`). The
 * IPv4-compatible range `::/96` is refused outright ("refuse"): it is deprecated (RFC 4291) and
 * no catalogue is published on it.
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | "refuse" | null {
  if (address.match(IPV4_COMPATIBLE)) return "refuse";
  const parts = address.parts;
  const isatap = (parts[4] === 0 || parts[4] === 0x200) && parts[5] === 0x5efe;
  if (!isatap && !address.match(NAT64_WELL_KNOWN)) return null;
  return new ipaddr.IPv4([parts[6] >> 8, parts[6] & 0xff, parts[7] >> 8, parts[7] & 0xff]);
}

/**
 * The ports a catalogue is served on. Any other port on a public address may be the portal's own
 * machine seen from outside (its database, its search engine), so it is refused unless the
 * operator names the host.
 */
const CATALOGUE_PORTS = new Set(["", "80", "443"]);

export interface CheckedAddress {
  url: URL;
  /** The address to connect to: the one that was checked. */
  address: string;
  family: 4 | 6;
}

/**
 * Parses the URL as a browser would (WHATWG: `127.1`, `0x7f.0.0.1`, `2130706433` and
 * `017700000001` all become 127.0.0.1), resolves its host and refuses it unless every address it
 * resolves to is public and the port is 80 or 443, or the host is on the operator's list.
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
  // url.port is "" for the scheme's own default port.
  if (!allowed && !CATALOGUE_PORTS.has(url.port)) throw new AddressRefusedError(`port ${url.port}`);

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
