import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { appointmentRefSchema, attendanceOutcomeSchema } from './appointment-values';

export const appointmentAttendanceRecordedV1 = defineEvent({
  type: 'appointment.attendance-recorded.v1',
  topic: TOPICS.booking,
  description: 'The clinic or the CDAS recorded whether the client attended.',
  data: appointmentRefSchema.extend({
    outcome: attendanceOutcomeSchema,
    startsAt: z.iso.datetime({ offset: true }),
    recordedBy: z.string().min(1),
  }),
});
