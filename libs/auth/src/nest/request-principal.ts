import type { Principal } from '../principal';

// Kept beside the request rather than on it, so the request type stays the framework's own.
const principals = new WeakMap<object, Principal>();

export function attachPrincipal(request: object, principal: Principal): void {
  principals.set(request, principal);
}

/** The principal the auth guard verified for this request; undefined on public routes. */
export function principalOf(request: object): Principal | undefined {
  return principals.get(request);
}
