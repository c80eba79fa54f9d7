import { defineErrors } from '@careloop/http';

/** The service context's errors: the in-reach services a CDAS hosts. */
export class ServiceError extends defineErrors('inreach', {
  SERVICE_NOT_FOUND: {
    status: 404,
    title: "No in-reach service with that id in the caller's organisation",
    consumer: 'dead-letter',
  },
  SERVICE_NAME_TAKEN: {
    status: 409,
    title: 'The site already hosts an in-reach service with that name',
    consumer: 'dead-letter',
  },
}) {}
export type ServiceErrorCode = ServiceError['code'];
