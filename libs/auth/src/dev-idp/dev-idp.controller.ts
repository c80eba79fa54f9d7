import { BadRequestException, Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import type { JSONWebKeySet } from 'jose';
import { z } from 'zod';
import { Public } from '../nest/public.decorator';
import { DEMO_ORGANISATIONS } from './demo-directory';
import { DevIdentityProvider, UnknownDemoUserError, type DevTokenResponse } from './dev-identity-provider';

const tokenRequestSchema = z.object({ username: z.string().trim().min(1).max(100) });

export interface DemoUserView {
  username: string;
  name: string;
  description: string;
  roles: string[];
  orgId: string;
  orgName: string;
  orgKind: string;
  siteIds: string[];
}

/** Sign-in for the demo: pick a user, get a token. Mounted only by DevIdpModule (embedded mode). */
@Public()
@Controller('auth/dev')
export class DevIdpController {
  constructor(private readonly idp: DevIdentityProvider) {}

  @Get('users')
  users(): DemoUserView[] {
    return this.idp.users().map((u) => ({
      username: u.username,
      name: u.name,
      description: u.description,
      roles: [...u.roles],
      orgId: u.orgId,
      orgName: DEMO_ORGANISATIONS.find((o) => o.id === u.orgId)?.name ?? u.orgId,
      orgKind: u.orgKind,
      siteIds: [...u.siteIds],
    }));
  }

  @Post('token')
  @HttpCode(200)
  async token(@Body() body: unknown): Promise<DevTokenResponse> {
    const parsed = tokenRequestSchema.safeParse(body);
    if (!parsed.success) throw new BadRequestException('Send {"username": "<demo user>"}');
    try {
      return await this.idp.issueToken(parsed.data.username);
    } catch (err) {
      if (err instanceof UnknownDemoUserError) throw new BadRequestException(err.message);
      throw err;
    }
  }

  @Get('jwks.json')
  jwks(): JSONWebKeySet {
    return this.idp.jwks();
  }
}
