import { defineErrors } from '@careloop/http';

/** The room context's errors: rooms at the caller's CDAS sites. */
export class RoomError extends defineErrors('inreach', {
  ROOM_NOT_FOUND: {
    status: 404,
    title: "No room with that id in the caller's organisation",
    consumer: 'dead-letter',
  },
  ROOM_NAME_TAKEN: {
    status: 409,
    title: 'The site already has a room with that name',
    consumer: 'dead-letter',
  },
  ROOM_NOT_AT_SITE: {
    status: 422,
    title: "The room is not at the in-reach service's site",
    consumer: 'dead-letter',
  },
}) {}
export type RoomErrorCode = RoomError['code'];
