import { z } from 'zod';

export const createRoomBody = z
  .object({
    siteId: z.uuid(),
    /** Unique at the site: "Clinic room 2", "Needle exchange side room". */
    name: z.string().trim().min(1).max(200),
  })
  .strict();
export type CreateRoomBody = z.output<typeof createRoomBody>;

export const listRoomsQuery = z.object({ siteId: z.uuid().optional() }).strict();
export type ListRoomsQuery = z.output<typeof listRoomsQuery>;

export interface RoomView {
  id: string;
  siteId: string;
  siteName: string;
  name: string;
}
