import { Module } from '@nestjs/common';
import { CreateRoom } from './create-room';
import { ListRooms } from './list-rooms';
import { RoomController } from './room.controller';

/** Rooms at the caller's CDAS sites, where sessions are held. */
@Module({
  controllers: [RoomController],
  providers: [CreateRoom, ListRooms],
})
export class RoomModule {}
