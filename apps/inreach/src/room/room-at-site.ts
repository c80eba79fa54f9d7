import type { InreachService } from '../service/inreach-service.entity';
import type { Room } from './room.entity';
import { RoomError } from './room.errors';

/** A service's sessions are held at its own site: a room elsewhere is refused, naming the field. */
export function assertRoomAtServiceSite(room: Room, service: InreachService, field = 'roomId'): void {
  if (room.siteId === service.siteId) return;
  throw new RoomError('ROOM_NOT_AT_SITE', {
    detail: `Room ${room.name} is not at the site hosting ${service.name}`,
    extensions: { errors: [{ path: field, message: "must be a room at the service's site", in: 'body' }] },
  });
}
