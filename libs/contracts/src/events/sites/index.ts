export * from './site-registered.v1';
