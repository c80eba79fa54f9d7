import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database keeps every live seat within its slot's capacity. The unique seat index stops two
 * live appointments on one seat and `taken <= capacity` bounds the count, but nothing bounded the
 * seat number itself: a write of seat 2 into a capacity-1 slot went through. A CHECK cannot read
 * another table, so each appointment carries its slot's capacity (`slot_capacity`), held equal to
 * the slot's by a composite foreign key onto UNIQUE (id, capacity) of the slot, and the CHECK
 * compares the seat with it.
 *
 * Changing a slot's capacity: ON UPDATE CASCADE rewrites `slot_capacity` on every appointment of the
 * slot (and row-locks them, after the slot: the usual order), then the CHECK runs on each row. A
 * rise always passes. A cut is refused (23514, appointment_seat_within_capacity) while a held or
 * booked appointment sits on a seat above the new capacity, even if `taken` would fit (seats 1 and 2
 * cancelled, seat 3 booked): whoever adds a capacity change must move such seats down first, under
 * the slot's lock. Cancelled appointments and ended holds are history: their seat numbers never
 * block a cut, so the CHECK covers live rows only (seat >= 1 holds for every row already).
 *
 * A writer that leaves `slot_capacity` out (raw SQL, tools) gets the slot's capacity from a trigger;
 * the foreign key, not the trigger, is what keeps it right.
 */
export class SeatWithinSlotCapacity1764400002400 implements MigrationInterface {
  name = 'SeatWithinSlotCapacity1764400002400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "booking"."slot" ADD CONSTRAINT "slot_id_capacity" UNIQUE ("id", "capacity")`);
    await q.query(`ALTER TABLE "booking"."appointment" ADD COLUMN "slot_capacity" integer`);
    await q.query(`UPDATE "booking"."appointment" a SET "slot_capacity" = s."capacity"
      FROM "booking"."slot" s WHERE s."id" = a."slot_id"`);
    await q.query(`ALTER TABLE "booking"."appointment" ALTER COLUMN "slot_capacity" SET NOT NULL`);
    await q.query(`ALTER TABLE "booking"."appointment"
      ADD CONSTRAINT "appointment_slot_capacity" FOREIGN KEY ("slot_id", "slot_capacity")
        REFERENCES "booking"."slot" ("id", "capacity") ON UPDATE CASCADE,
      ADD CONSTRAINT "appointment_seat_within_capacity"
        CHECK ("status" NOT IN ('held', 'booked') OR "seat" BETWEEN 1 AND "slot_capacity")`);
    await q.query(`CREATE FUNCTION "booking"."appointment_slot_capacity_from_slot"() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        SELECT "capacity" INTO NEW."slot_capacity" FROM "booking"."slot" WHERE "id" = NEW."slot_id";
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER "appointment_slot_capacity_default"
      BEFORE INSERT ON "booking"."appointment"
      FOR EACH ROW WHEN (NEW."slot_capacity" IS NULL)
      EXECUTE FUNCTION "booking"."appointment_slot_capacity_from_slot"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "appointment_slot_capacity_default" ON "booking"."appointment"`);
    await q.query(`DROP FUNCTION "booking"."appointment_slot_capacity_from_slot"()`);
    await q.query(`ALTER TABLE "booking"."appointment"
      DROP CONSTRAINT "appointment_seat_within_capacity",
      DROP CONSTRAINT "appointment_slot_capacity",
      DROP COLUMN "slot_capacity"`);
    await q.query(`ALTER TABLE "booking"."slot" DROP CONSTRAINT "slot_id_capacity"`);
  }
}
