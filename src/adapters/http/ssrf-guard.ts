import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { FeedFetchError } from '../../errors/feed-fetch-error.js';

/** IPv6 ranges that carry an IPv4 address inside; the embedded address decides. */
const EMBEDDING_V6_RANGES = new Set(['6to4', 'teredo', 'rfc6052', 'rfc6145']);

function v4FromBits(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** The IPv4 addresses a tunnelling/translation IPv6 address stands for (RFC 3056, 4380, 6052, 6145). */
function embeddedV4(ip: ipaddr.IPv6, range: string): ipaddr.IPv4[] {
  const p = ip.parts as number[];
  const at = (i: number): number => p[i] ?? 0;
  if (range === '6to4') return [v4FromBits(at(1), at(2))];
  // Teredo: server in bits 32-63, client obfuscated (bit-inverted) in the last 32 bits.
  if (range === 'teredo') return [v4FromBits(at(2), at(3)), v4FromBits(~at(6) & 0xffff, ~at(7) & 0xffff)];
  return [v4FromBits(at(6), at(7))];
}

/**
 * True when a feed fetch must not connect to `ip`: anything that is not plain global unicast
 * (loopback, private, link-local incl. cloud metadata, CGNAT, multicast, unspecified, broadcast,
 * reserved, unique-local...). Allow-list, so ranges we forgot fail closed; unparsable input is forbidden.
 */
export function isForbiddenAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return true;
  // process() turns ::ffff:a.b.c.d into a.b.c.d so mapped addresses get the IPv4 rules.
  const addr = ipaddr.process(ip);
  if (addr.kind() === 'ipv4') return addr.range() !== 'unicast';
  const v6 = addr as ipaddr.IPv6;
  const range = v6.range();
  if (EMBEDDING_V6_RANGES.has(range)) {
    return embeddedV4(v6, range).some((v4) => v4.range() !== 'unicast');
  }
  // ::/96 holds the deprecated IPv4-compatible form (::127.0.0.1), which ipaddr calls unicast.
  if (v6.parts.slice(0, 6).every((part) => part === 0)) return true;
  return range !== 'unicast';
}

/** Resolves a host name to every address it has (the shape of `dns.promises.lookup(host, { all: true })`). */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

export interface GuardedLookupOptions {
  allowPrivate?: boolean;
  isForbidden?: (ip: string) => boolean;
  resolve?: ResolveHost;
}

const systemResolve: ResolveHost = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses)));
  });

/**
 * A `net`/undici `connect.lookup` that refuses hosts resolving to forbidden addresses. Checking at
 * connect time, on the very addresses the socket will use, leaves no gap for DNS rebinding.
 * Any forbidden address refuses the host, even if a public one is listed too.
 */
export function createGuardedLookup(options: GuardedLookupOptions = {}): LookupFunction {
  const isForbidden = options.isForbidden ?? isForbiddenAddress;
  const resolveHost = options.resolve ?? systemResolve;
  return (hostname, lookupOptions, callback) => {
    resolveHost(hostname).then(
      (all) => {
        const refused = options.allowPrivate ? undefined : all.find((a) => isForbidden(a.address));
        if (refused) {
          const message = `${hostname} resolves to forbidden address ${refused.address}`;
          callback(new FeedFetchError('PRIVATE_ADDRESS', message), '', 0);
          return;
        }
        const family = lookupOptions.family === 4 || lookupOptions.family === 6 ? lookupOptions.family : 0;
        const usable = family === 0 ? all : all.filter((a) => a.family === family);
        const first = usable[0];
        if (!first) {
          const err: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          err.code = 'ENOTFOUND';
          callback(err, '', 0);
        } else if (lookupOptions.all) {
          callback(null, usable);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}

/** The default guard: system DNS, private addresses refused. */
export const guardedLookup: LookupFunction = createGuardedLookup();

/** Literal IP hosts never reach `lookup`, so the fetcher checks them itself before connecting. */
export function literalIp(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.IPv4.isValidFourPartDecimal(bare) || ipaddr.IPv6.isValid(bare) ? bare : undefined;
}
