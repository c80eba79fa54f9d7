import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { PersistenceLogger } from './database-options';

/**
 * PGlite (Postgres 18 in WebAssembly) behind its socket server, so TypeORM talks to it with the same
 * `pg` driver as to a real server. PGlite has a single session and the server takes one connection at
 * a time: callers must hold at most one connection, and wait for `idle()` before opening the next.
 *
 * pgcrypto and btree_gist are registered so migrations can `CREATE EXTENSION` them as on a real server
 * (btree_gist for exclusion constraints on time ranges). `gen_random_uuid()` is core Postgres anyway.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly pglite: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly url: string,
  ) {}

  static async start(dataDir: string | undefined, logger: PersistenceLogger): Promise<EmbeddedPostgres> {
    const pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      extensions: { pgcrypto, btree_gist },
    });
    const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0 });
    try {
      await server.start();
    } catch (error) {
      await pglite.close();
      throw error;
    }
    const url = `postgres://postgres@${server.getServerConn()}/postgres`;
    logger.info(
      `Embedded PostgreSQL (PGlite, ${dataDir ? `data in ${dataDir}` : 'in memory'}) listening on ${server.getServerConn()}. ` +
        'Embedded mode uses ONE connection: transactions are serialised, one at a time.',
    );
    return new EmbeddedPostgres(pglite, server, url);
  }

  /**
   * Resolves once the previous client has fully disconnected. The server forgets a connection only a
   * tick after the socket closes; connecting sooner is refused with "Too many connections".
   */
  async idle(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.server.getStats().activeConnections > 0) {
      if (Date.now() > deadline) throw new Error('Embedded PostgreSQL still has an open connection');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async stop(): Promise<void> {
    try {
      await this.server.stop();
    } finally {
      await this.pglite.close();
    }
  }
}
