import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from '../problem-details';
import { Public } from '@careloop/auth';
import {
  HEALTH_CHECKS,
  HEALTH_OPTIONS,
  type HealthCheck,
  type HealthChecksProvision,
  type HealthModuleOptions,
} from './health-check';
import { checkReadiness, type CheckResult, type ReadinessReport } from './readiness';

/** What the public probe shows of a check: never its error text, which can name hosts and users. */
export interface CheckSummary {
  status: CheckResult['status'];
  durationMs: number;
}

/** Liveness for the orchestrator's restart decision, readiness for its traffic decision. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private checks: HealthCheck[] | undefined;
  // Nest's logger, so the lines go wherever the app logs (createHttpApp: the service's pino logger).
  private readonly logger = new Logger(HealthController.name);

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(HEALTH_OPTIONS) private readonly options: HealthModuleOptions,
  ) {}

  /** 200 while the process can answer at all; never looks at dependencies. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * 200 when every registered check passes, else a 503 problem naming each failing dependency. The
   * route is public, so why a check failed goes to the log, not into the response.
   */
  @Get('ready')
  async ready(
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<{ status: 'ok'; checks: Record<string, CheckSummary> } | ProblemDetails> {
    const report = await checkReadiness(this.registeredChecks(), this.options.timeoutMs ?? 2000);
    const checks = summarise(report);
    if (report.ready) return { status: 'ok', checks };

    const failing: string[] = [];
    for (const [name, result] of Object.entries(report.checks)) {
      if (result.status === 'up') continue;
      failing.push(name);
      this.logger.warn({
        msg: 'Readiness check failed',
        check: name,
        error: result.error,
        durationMs: result.durationMs,
      });
    }
    res.statusCode = 503;
    res.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    return {
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      code: 'NOT_READY',
      detail: `Not ready: ${failing.join(', ')}`,
      checks,
    };
  }

  // Gathered on first use, when every module's providers exist.
  private registeredChecks(): HealthCheck[] {
    this.checks ??= this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.token === HEALTH_CHECKS && wrapper.instance)
      .flatMap((wrapper) => [wrapper.instance as HealthChecksProvision].flat());
    return this.checks;
  }
}

function summarise(report: ReadinessReport): Record<string, CheckSummary> {
  return Object.fromEntries(
    Object.entries(report.checks).map(([name, { status, durationMs }]) => [name, { status, durationMs }]),
  );
}
