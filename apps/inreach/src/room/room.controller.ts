import { Body, Controller, Get, HttpCode, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentPrincipal, Roles, type Principal } from '@careloop/auth';
import { IdempotencyKey } from '@careloop/http';
import { CdasStaffOnlyGuard } from '../access/cdas-staff-only.guard';
import { INREACH_MANAGERS } from '../access/inreach-managers';
import { CreateRoom } from './create-room';
import { ListRooms } from './list-rooms';
import {
  createRoomBody,
  listRoomsQuery,
  type CreateRoomBody,
  type ListRoomsQuery,
  type RoomView,
} from './room.dto';

@ApiTags('inreach')
@ApiBearerAuth()
@UseGuards(CdasStaffOnlyGuard)
@Controller('inreach/rooms')
export class RoomController {
  constructor(
    private readonly createRoom: CreateRoom,
    private readonly listRooms: ListRooms,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...INREACH_MANAGERS)
  @ApiOperation({ summary: "Add a room at one of the caller's CDAS sites (names unique per site)" })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: createRoomBody }) body: CreateRoomBody,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<RoomView> {
    const { result, replayed } = await this.createRoom.execute(principal, body, idempotencyKey);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result;
  }

  @Get()
  @ApiOperation({ summary: "The caller's organisation's rooms, of one site (siteId) or all" })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query({ schema: listRoomsQuery }) query: ListRoomsQuery,
  ): Promise<RoomView[]> {
    return this.listRooms.execute(principal, query);
  }
}
