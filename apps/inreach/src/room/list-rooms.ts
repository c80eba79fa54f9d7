import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import type { ListRoomsQuery, RoomView } from './room.dto';

/** Most rooms one list returns. */
export const ROOM_LIST_LIMIT = 500;

/** The caller's organisation's rooms, of one site or all, by site name and room name. */
@Injectable()
export class ListRooms {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal, query: ListRoomsQuery): Promise<RoomView[]> {
    const rows: { id: string; site_id: string; site_name: string; name: string }[] =
      await this.dataSource.query(
        `SELECT r."id", r."site_id", s."name" AS "site_name", r."name"
         FROM "inreach"."room" r JOIN "inreach"."site" s ON s."site_id" = r."site_id"
        WHERE r."org_id" = $1 AND ($2::uuid IS NULL OR r."site_id" = $2)
        ORDER BY s."name", r."name", r."id" LIMIT ${ROOM_LIST_LIMIT}`,
        [principal.orgId, query.siteId ?? null],
      );
    return rows.map((r) => ({ id: r.id, siteId: r.site_id, siteName: r.site_name, name: r.name }));
  }
}
