import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { CustomTransportStrategy, Server } from '@nestjs/microservices';

/**
 * Stops consuming before anything else shuts down: a message must never be handled against a
 * database that is closing (its failure would look like a bad message and be dead-lettered).
 */
@Injectable()
export class EventTransportHolder implements BeforeApplicationShutdown {
  transport: (Server & CustomTransportStrategy) | undefined;

  async beforeApplicationShutdown(): Promise<void> {
    const transport = this.transport;
    this.transport = undefined;
    await transport?.close();
  }
}
