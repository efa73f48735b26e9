/** A Redis Cluster named by REDIS_URL: its seed nodes and the credentials every node takes. */
export interface ClusterUrl {
  nodes: { host: string; port: number }[];
  username?: string;
  password?: string;
  tls: boolean;
}

const CLUSTER_SCHEME = /^(rediss?)\+cluster:\/\//;

/** Whether REDIS_URL names a cluster (`redis+cluster://` or `rediss+cluster://`). */
export const isClusterUrl = (url: string): boolean => CLUSTER_SCHEME.test(url);

/**
 * Parses `redis+cluster://[user:password@]host:port[,host:port...][/]` (`rediss+cluster://` for TLS). WHATWG URL
 * cannot: a comma-separated host list is not a valid authority. Returns undefined when the text is not one.
 */
export function parseClusterUrl(url: string): ClusterUrl | undefined {
  const scheme = CLUSTER_SCHEME.exec(url);
  if (!scheme) return undefined;
  let rest = url.slice(scheme[0].length).replace(/\/$/, '');
  if (rest.includes('/') || rest.includes('?') || rest.includes('#')) return undefined;
  let username: string | undefined;
  let password: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at !== -1) {
    const credentials = rest.slice(0, at);
    rest = rest.slice(at + 1);
    const colon = credentials.indexOf(':');
    const decode = (part: string) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    };
    const user = decode(colon === -1 ? credentials : credentials.slice(0, colon));
    const pass = colon === -1 ? '' : decode(credentials.slice(colon + 1));
    // `redis://secret@host` means a password without a user, as in redis URLs.
    if (colon === -1) password = user || undefined;
    else {
      username = user || undefined;
      password = pass || undefined;
    }
  }
  const nodes: ClusterUrl['nodes'] = [];
  for (const part of rest.split(',')) {
    const node = /^(\[[0-9a-fA-F:.]+\]|[\w.-]+):(\d{1,5})$/.exec(part.trim());
    if (!node) return undefined;
    const port = Number(node[2]);
    if (port < 1 || port > 65_535) return undefined;
    nodes.push({ host: (node[1] as string).replace(/^\[|\]$/g, ''), port });
  }
  return {
    nodes,
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
    tls: scheme[1] === 'rediss',
  };
}
