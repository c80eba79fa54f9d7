import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { currentCorrelation, type Logger } from '@careloop/observability';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError } from './domain-error';
import {
  PROBLEM_CONTENT_TYPE,
  problemType,
  codeForStatus,
  titleForStatus,
  type ProblemDetails,
} from './problem-details';
import { RequestValidationError } from './request-validation-error';

interface ExpressRequest extends IncomingMessage {
  originalUrl?: string;
}

/**
 * Every error leaving an HTTP handler becomes application/problem+json (RFC 9457). Unknown errors
 * become a generic 500 whose `errorId` is also in the error log line with the stack, so support can
 * find the cause without the response leaking internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const req = http.getRequest<ExpressRequest>();
    const res = http.getResponse<ServerResponse>();
    if (res.headersSent) return;

    const correlationId = currentCorrelation()?.correlationId;
    const problem = this.toProblem(exception, req, correlationId);
    problem.instance = req.originalUrl ?? req.url;
    if (correlationId) problem.correlationId = correlationId;

    res.statusCode = problem.status;
    res.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    res.end(JSON.stringify(problem));
  }

  private toProblem(
    exception: unknown,
    req: ExpressRequest,
    correlationId: string | undefined,
  ): ProblemDetails {
    if (exception instanceof DomainError) {
      return {
        ...exception.extensions,
        type: problemType(exception.context, exception.code),
        title: exception.title,
        status: exception.status,
        ...(exception.detail ? { detail: exception.detail } : {}),
        code: exception.code,
      };
    }
    if (exception instanceof RequestValidationError) {
      return {
        type: 'about:blank',
        title: 'Invalid request',
        status: 400,
        detail: exception.message,
        code: 'VALIDATION_FAILED',
        errors: [...exception.issues],
      };
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      // Express's body parser raises a SyntaxError, which Nest wraps in a 400.
      if (exception.cause instanceof SyntaxError) {
        return {
          type: 'about:blank',
          title: titleForStatus(400),
          status: 400,
          detail: 'The request body is not valid JSON',
          code: 'MALFORMED_JSON',
        };
      }
      return {
        type: 'about:blank',
        title: titleForStatus(status),
        status,
        detail: detailOf(exception),
        code: codeForStatus(status),
      };
    }
    return this.unexpected(exception, req, correlationId);
  }

  private unexpected(
    exception: unknown,
    req: ExpressRequest,
    correlationId: string | undefined,
  ): ProblemDetails {
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    const errorId = randomUUID();
    this.logger.error(
      {
        err: exception,
        errorId,
        method: req.method,
        url: req.originalUrl ?? req.url,
        ...(correlationId ? { correlationId } : {}),
      },
      'Unhandled error while serving a request',
    );
    return {
      type: 'about:blank',
      title: titleForStatus(status),
      status,
      detail: `Something went wrong on our side. Quote error id ${errorId} if you report it.`,
      code: codeForStatus(status),
      errorId,
    };
  }
}

// Nest exceptions carry either a string or { message: string | string[] }.
function detailOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : exception.message;
}
