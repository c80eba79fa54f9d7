import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail } from '@careloop/auth';
import { Outbox } from '@careloop/messaging';
import type { Logger } from '@careloop/observability';
import { WorkRowAgain, workThroughDueRows } from '@careloop/persistence';
import { APP_LOGGER } from '@careloop/runtime';
import type { TimerTask } from '../timers/timer-task';
import { CascadeMetrics } from './cascade-metrics';
import { askToRebook, MAX_SLOTS_TRIED, moveOutOfSession, type MoveOutcome } from './move-out-of-session';
import { SessionMove } from './session-move.entity';
import { countAttempt, recordFailure } from './session-move-rows';

/** Rows one run works; the rest are still pending at the next tick. */
export const MOVES_PER_RUN = 100;
/** Failed runs of a row before booking stops trying and asks the keyworker to rebook instead. */
export const MAX_MOVE_ATTEMPTS = 5;

const ROW = 'session_move_row';
const REBOOK = 'session_move_rebook';

/**
 * The in-reach cancellation cascade: works the pending session_move rows a withdrawn session left
 * (WithdrawSessionSlots), each in its own transaction, locked FOR UPDATE SKIP LOCKED and checked to
 * be pending still (workThroughDueRows), oldest first and, within a session, whoever booked first.
 * Processes running at once share the rows, and one that crashed mid-row left that row pending
 * (its transaction rolled back), so the next tick of any process finishes it: no appointment is moved
 * twice, since a row leaves pending once, under its lock, in the transaction that moves.
 *
 * A slot taken as it was tried rolls the row's transaction back and the row is worked again at once
 * (SlotTakenMeanwhile), so one transaction never waits on a second slot after giving one up.
 * A row that fails (an unexpected error) is rolled back to before it was worked, the attempt and the
 * error noted on it, and tried at the next tick; after MAX_MOVE_ATTEMPTS the keyworker is asked to
 * rebook instead, so no appointment waits silently in a cancelled session; should that fail too, the
 * row stays pending with its count and error, and the next tick tries again. Returns the rows settled.
 */
@Injectable()
export class MoveAppointmentsOutOfCancelledSessions implements TimerTask {
  readonly name = 'move-appointments-out-of-cancelled-sessions';
  protected readonly movesPerRun: number = MOVES_PER_RUN;
  private readonly logger: Logger;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    private readonly metrics: CascadeMetrics,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: MoveAppointmentsOutOfCancelledSessions.name });
  }

  run(now: Date): Promise<number> {
    // Slots each row found taken, across the transactions of this run that work it again.
    const tried = new Map<string, string[]>();
    const triedFor = (id: string) => tried.get(id) ?? tried.set(id, []).get(id)!;
    return workThroughDueRows(
      this.dataSource,
      {
        table: '"booking"."session_move"',
        due: `"status" = 'pending'`,
        params: [],
        orderBy: `"created_at", (SELECT a."booked_at" FROM "booking"."appointment" a
                                  WHERE a."id" = "session_move"."appointment_id"), "id"`,
        limit: this.movesPerRun,
        what: 'appointment(s) to move out of cancelled in-reach sessions',
        again: MAX_SLOTS_TRIED,
      },
      (manager, id) => this.work(manager, id, now, triedFor(id)),
    );
  }

  private async work(manager: EntityManager, id: string, now: Date, tried: string[]): Promise<number> {
    const move = await manager.findOneByOrFail(SessionMove, { id });
    const deps = { outbox: this.outbox, audit: this.audit };
    const attempts = await countAttempt(manager, id, now);
    await manager.query(`SAVEPOINT ${ROW}`);
    try {
      const outcome = await moveOutOfSession(manager, deps, move, now, tried);
      await manager.query(`RELEASE SAVEPOINT ${ROW}`);
      return this.settled(move, outcome);
    } catch (error) {
      // Not a failure: the whole transaction goes, attempt count included, and the row runs again.
      if (error instanceof WorkRowAgain) throw error;
      await manager.query(`ROLLBACK TO SAVEPOINT ${ROW}`);
      await manager.query(`RELEASE SAVEPOINT ${ROW}`);
      this.metrics.counted('failed');
      await recordFailure(manager, id, error, now);
      this.logger.error(
        { err: error, sessionMoveId: id, appointmentId: move.appointmentId, attempts },
        'could not move an appointment out of a cancelled in-reach session',
      );
      if (attempts < MAX_MOVE_ATTEMPTS) return 0;
      return this.askToRebookInstead(manager, move, attempts, now);
    }
  }

  /**
   * The last resort, under its own savepoint: if even asking to rebook fails, only that is undone and
   * the row keeps its attempt count and the error, pending for the next tick, instead of rolling back
   * to a count below the limit and failing the same way unseen at every tick.
   */
  private async askToRebookInstead(
    manager: EntityManager,
    move: SessionMove,
    attempts: number,
    now: Date,
  ): Promise<number> {
    await manager.query(`SAVEPOINT ${REBOOK}`);
    try {
      const outcome = await askToRebook(manager, { outbox: this.outbox, audit: this.audit }, move, now);
      await manager.query(`RELEASE SAVEPOINT ${REBOOK}`);
      return this.settled(move, outcome);
    } catch (error) {
      await manager.query(`ROLLBACK TO SAVEPOINT ${REBOOK}`);
      await manager.query(`RELEASE SAVEPOINT ${REBOOK}`);
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await recordFailure(
        manager,
        move.id,
        new Error(`asking the keyworker to rebook failed: ${reason}`),
        now,
      );
      this.logger.error(
        { err: error, sessionMoveId: move.id, appointmentId: move.appointmentId, attempts },
        'could not ask the keyworker to rebook an appointment of a cancelled in-reach session',
      );
      return 0;
    }
  }

  private settled(move: SessionMove, outcome: MoveOutcome): number {
    this.metrics.counted(outcome);
    this.logger.info(
      { sessionMoveId: move.id, appointmentId: move.appointmentId, sessionId: move.sessionId, outcome },
      'appointment of a cancelled in-reach session settled',
    );
    return 1;
  }
}
