import { Controller, Get, Inject, Res } from '@nestjs/common';
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
import { checkReadiness, type CheckResult } from './readiness';

/** Liveness for the orchestrator's restart decision, readiness for its traffic decision. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private checks: HealthCheck[] | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(HEALTH_OPTIONS) private readonly options: HealthModuleOptions,
  ) {}

  /** 200 while the process can answer at all; never looks at dependencies. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 when every registered check passes, else a 503 problem naming each failing dependency. */
  @Get('ready')
  async ready(
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<{ status: 'ok'; checks: Record<string, CheckResult> } | ProblemDetails> {
    const report = await checkReadiness(this.registeredChecks(), this.options.timeoutMs ?? 2000);
    if (report.ready) return { status: 'ok', checks: report.checks };

    const failing = Object.entries(report.checks).filter(
      (entry): entry is [string, Extract<CheckResult, { status: 'down' }>] => entry[1].status === 'down',
    );
    res.statusCode = 503;
    res.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    return {
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      code: 'NOT_READY',
      detail: failing.map(([name, result]) => `${name}: ${result.error}`).join('; '),
      checks: report.checks,
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
