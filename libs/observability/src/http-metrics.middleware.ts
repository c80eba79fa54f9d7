import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Histogram } from 'prom-client';
import { Metrics } from './metrics';

type Label = 'method' | 'route' | 'status_code';

// Express sets `route` on the request once a handler matches; its path is the pattern
// ("/referrals/:id"), which keeps label cardinality bounded.
interface RoutedRequest extends IncomingMessage {
  route?: { path?: unknown };
  baseUrl?: string;
}

/** Records every request's duration, including ones a guard rejects or no route matches. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly duration: Histogram<Label>;

  constructor(metrics: Metrics) {
    this.duration = metrics.histogram<Label>({
      name: 'http_request_duration_seconds',
      help: 'Duration of HTTP requests in seconds, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
  }

  use(req: RoutedRequest, res: ServerResponse, next: (error?: unknown) => void): void {
    const stop = this.duration.startTimer();
    res.once('finish', () => {
      stop({ method: req.method ?? 'UNKNOWN', route: routeOf(req), status_code: String(res.statusCode) });
    });
    next();
  }
}

function routeOf(req: RoutedRequest): string {
  const path = req.route?.path;
  // Unmatched URLs are whatever a scanner sends; one label value keeps them from exploding the series.
  return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` : 'unmatched';
}
