import type { EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { Room } from './room.entity';
import { RoomError } from './room.errors';

export interface LoadRoomOptions {
  /**
   * Hold the room row FOR UPDATE until commit. Everything that makes sessions in a room takes it (a new
   * series, an edit, the horizon job), so each one's clash check still holds when it commits and a
   * losing coordinator is told which dates clash; the exclusion constraint stays the last word.
   */
  lock?: boolean;
  /** The field that named the room, for the error. */
  field?: string;
}

/** A room of the caller's organisation; another organisation's is answered as missing and never locked. */
export async function loadOwnRoom(
  manager: EntityManager,
  principal: Pick<Principal, 'orgId'>,
  id: string,
  options: LoadRoomOptions = {},
): Promise<Room> {
  const room = await manager.findOne(Room, {
    where: { id, orgId: principal.orgId },
    ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!room) {
    throw new RoomError('ROOM_NOT_FOUND', {
      detail: `No room ${id}`,
      ...(options.field
        ? {
            extensions: {
              errors: [{ path: options.field, message: 'is not one of your rooms', in: 'body' }],
            },
          }
        : {}),
    });
  }
  return room;
}

/** Locks rooms FOR UPDATE in id order, the one order every locker uses, so two edits cannot deadlock. */
export async function lockRooms(manager: EntityManager, ids: readonly string[]): Promise<void> {
  for (const id of [...new Set(ids)].sort()) {
    await manager.query(`SELECT 1 FROM "inreach"."room" WHERE "id" = $1 FOR UPDATE`, [id]);
  }
}
