import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest's default RPC filter replaces a handler's error with a generic object. The consume pipeline
 * needs the original error to decide between retry and dead letter, so event handlers' errors pass
 * through unchanged.
 */
@Catch()
export class PassThroughEventErrorsFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
