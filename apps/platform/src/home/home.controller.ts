import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DEMO_ORGANISATIONS, DEMO_USERS, Public } from '@careloop/auth';
import { renderHomePage } from './home-page';

/** The embedded platform's front page: what is running and how to sign in as a demo user. */
@ApiExcludeController()
@Public()
@Controller()
export class HomeController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  home(): string {
    return renderHomePage(DEMO_USERS, DEMO_ORGANISATIONS);
  }
}
