export * from './reminder-values';
export * from './reminder-sent.v1';
export * from './reminder-delivery-failed.v1';
export * from './reminder-delivered.v1';
export * from './sms-reply-received.v1';
export * from './client-sms-opted-out.v1';
