import { SetMetadata } from '@nestjs/common';

/** The metadata key the auth guard honours; health, metrics and webhooks use `Public()` from here. */
export const IS_PUBLIC_KEY = 'careloop:public';

/** Lets a route (or every route of a controller) be called without a bearer token. Use sparingly. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
