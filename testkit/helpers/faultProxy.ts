import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the test PostgreSQL, to take the database away from a server and
 * give it back: `cut()` drops every connection and refuses new ones (as a database that went
 * down), `restore()` lets them through again.
 */
export interface FaultProxy {
  /** The database URL through the proxy. */
  url: string;
  cut(): void;
  restore(): void;
  /** From now on, connections go to this database server instead (a restarted one on another port). */
  retarget(databaseUrl: string): void;
  close(): Promise<void>;
}

/** Where a PostgreSQL URL's server listens: its Unix socket when it names one, else host and port. */
function addressOf(databaseUrl: string): { path: string } | { host: string; port: number } {
  const parsed = new URL(databaseUrl);
  const socketDir = parsed.searchParams.get('host');
  return socketDir ? { path: `${socketDir}/.s.PGSQL.${parsed.port || 5432}` } : { host: parsed.hostname, port: Number(parsed.port || 5432) };
}

export async function startFaultProxy(databaseUrl: string): Promise<FaultProxy> {
  let target = addressOf(databaseUrl);
  const open = new Set<Socket>();
  let down = false;
  const server: Server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = connect(target);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const proxied = new URL(databaseUrl);
  proxied.searchParams.delete('host');
  proxied.hostname = '127.0.0.1';
  proxied.port = String(port);
  return {
    url: proxied.toString(),
    cut: () => {
      down = true;
      for (const s of open) s.destroy();
      open.clear();
    },
    restore: () => {
      down = false;
    },
    retarget: (url) => {
      target = addressOf(url);
    },
    close: async () => {
      down = true;
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
