import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import {
  createGuardedLookup,
  isForbiddenAddress,
  literalIp,
} from '../../../../src/adapters/http/ssrf-guard.js';
import { FeedFetchError } from '../../../../src/errors/feed-fetch-error.js';

describe('isForbiddenAddress', () => {
  it.each([
    ['10.0.0.1', 'private 10/8'],
    ['172.16.5.4', 'private 172.16/12'],
    ['192.168.1.1', 'private 192.168/16'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback /8'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'CGNAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['::1', 'v6 loopback'],
    ['::', 'v6 unspecified'],
    ['fe80::1', 'v6 link-local'],
    ['fc00::1', 'unique-local fc'],
    ['fd12::1', 'unique-local fd'],
    ['ff02::1', 'v6 multicast'],
    ['::ffff:127.0.0.1', 'mapped loopback'],
    ['::ffff:10.0.0.1', 'mapped private'],
    ['::ffff:7f00:1', 'mapped loopback, hex form'],
    ['::127.0.0.1', 'deprecated v4-compatible'],
    ['2002:7f00:1::', '6to4 of 127.0.0.1'],
    ['2002:c0a8:101::1', '6to4 of 192.168.1.1'],
    ['64:ff9b::a00:1', 'NAT64 of 10.0.0.1'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'Teredo with client 127.0.0.1'],
    ['2001:db8::1', 'v6 documentation'],
    ['not-an-ip', 'unparsable'],
    ['', 'empty'],
  ])('%s is forbidden (%s)', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(true);
  });

  it.each([
    ['8.8.8.8'],
    ['1.1.1.1'],
    ['185.65.244.1'],
    ['2001:4860:4860::8888'],
    ['::ffff:8.8.8.8'],
    ['2002:808:808::1'], // 6to4 of 8.8.8.8
    ['64:ff9b::808:808'], // NAT64 of 8.8.8.8
  ])('%s is allowed', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(false);
  });
});

describe('literalIp', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['[::1]', '::1'],
    ['[::ffff:7f00:1]', '::ffff:7f00:1'],
    ['localhost', undefined],
    ['news.example', undefined],
  ])('%s -> %s', (host, expected) => {
    expect(literalIp(host)).toBe(expected);
  });
});

type LookupResult = { err: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number };

function runLookup(
  addresses: LookupAddress[],
  options: { all?: boolean; family?: number },
  allowPrivate = false,
): Promise<LookupResult> {
  const lookup = createGuardedLookup({ allowPrivate, resolve: async () => addresses });
  return new Promise((resolve) => {
    lookup('feeds.example', options, (err, address, family) => resolve({ err, address, family }));
  });
}

describe('createGuardedLookup', () => {
  const publicV4 = { address: '185.65.244.1', family: 4 };
  const publicV6 = { address: '2001:4860:4860::8888', family: 6 };
  const privateV4 = { address: '10.1.2.3', family: 4 };

  it('passes public addresses through in both callback shapes', async () => {
    expect(await runLookup([publicV4, publicV6], { all: true })).toMatchObject({
      err: null,
      address: [publicV4, publicV6],
    });
    expect(await runLookup([publicV4, publicV6], {})).toMatchObject({
      err: null,
      address: '185.65.244.1',
      family: 4,
    });
    expect(await runLookup([publicV4, publicV6], { family: 6 })).toMatchObject({
      address: publicV6.address,
      family: 6,
    });
  });

  it('refuses a host when any of its addresses is forbidden', async () => {
    const { err } = await runLookup([publicV4, privateV4], { all: true });
    expect(err).toBeInstanceOf(FeedFetchError);
    expect((err as FeedFetchError).code).toBe('PRIVATE_ADDRESS');
  });

  it('lets private addresses through when allowPrivate is set', async () => {
    expect(await runLookup([privateV4], { all: true }, true)).toMatchObject({
      err: null,
      address: [privateV4],
    });
  });

  it('reports ENOTFOUND when no address of the asked family exists', async () => {
    const { err } = await runLookup([publicV4], { family: 6 });
    expect(err?.code).toBe('ENOTFOUND');
  });
});
