import type { DataSource, EntityManager } from 'typeorm';

/** Which rows of a table are due for some work. Every SQL piece comes from code, never from input. */
export interface DueRows {
  /** The schema-qualified, quoted table, e.g. `"booking"."availability_rule"`. */
  table: string;
  /** The table's key column, quoted: what `work` is given for each row. `"id"` unless said. */
  key?: string;
  /** SQL condition over the table's columns that holds while a row is due, with `params` as $1, $2... */
  due: string;
  params: readonly unknown[];
  /** SQL ORDER BY list: which due rows go first when there are more than `limit`. */
  orderBy: string;
  /** Most rows one call works on; the rest are still due at the next call. */
  limit: number;
  /** What the rows are, for the error that reports failures, e.g. `availability rule(s) to extend`. */
  what: string;
  /**
   * Most times one row is worked afresh after its work threw {@link WorkRowAgain}; past that the
   * error counts as the row's failure. 0 unless said.
   */
  again?: number;
}

/**
 * Thrown by `work` to roll the row's transaction back whole and work the row again at once, in a new
 * transaction. For work that would otherwise wait on a second lock after giving up a first in the
 * same transaction: Postgres makes a transaction waiting on a row that was locked under a savepoint
 * wait for the locker's whole transaction, rolled-back savepoint or not, so a second wait could close
 * a circle with it (a deadlock). Ending the transaction is what lets such waiters go.
 */
export class WorkRowAgain extends Error {
  override readonly name = 'WorkRowAgain';
}

/**
 * Runs `work` on each due row, one at a time, each in its own transaction in which the row is first
 * locked FOR UPDATE SKIP LOCKED and re-checked as due: processes running at once share the rows
 * instead of doing one twice, and a row changed since the query (done, edited, ended) is passed over.
 * Work that throws WorkRowAgain is rolled back and run again in a new transaction (`again` times at
 * most). A row whose work throws is rolled back and does not hold back the others; the failures are thrown
 * together, as one AggregateError, once every row has had its turn. Returns the sum of what `work`
 * returned (e.g. the rows it made).
 */
export async function workThroughDueRows(
  dataSource: DataSource,
  rows: DueRows,
  work: (manager: EntityManager, id: string) => Promise<number>,
): Promise<number> {
  const key = rows.key ?? '"id"';
  const due: { id: string }[] = await dataSource.query(
    `SELECT ${key} AS "id" FROM ${rows.table} WHERE (${rows.due}) ORDER BY ${rows.orderBy} LIMIT ${Number(rows.limit)}`,
    [...rows.params],
  );
  const idParam = `$${rows.params.length + 1}`;
  const workRow = (id: string) =>
    dataSource.transaction(async (manager) => {
      const locked: unknown[] = await manager.query(
        `SELECT 1 FROM ${rows.table} WHERE ${key} = ${idParam} AND (${rows.due}) FOR UPDATE SKIP LOCKED`,
        [...rows.params, id],
      );
      // Another process has it, or it was done or changed meanwhile.
      return locked.length === 0 ? 0 : work(manager, id);
    });
  let total = 0;
  const failures: unknown[] = [];
  for (const { id } of due) {
    for (let again = 0; ; again += 1) {
      try {
        total += await workRow(id);
      } catch (error) {
        if (error instanceof WorkRowAgain && again < (rows.again ?? 0)) continue;
        failures.push(error);
      }
      break;
    }
  }
  if (failures.length > 0) {
    throw new AggregateError(failures, `${failures.length} of ${due.length} ${rows.what} failed`);
  }
  return total;
}
