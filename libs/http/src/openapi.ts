import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export interface OpenApiOptions {
  title: string;
  version: string;
  description?: string;
}

export const OPENAPI_UI_PATH = 'docs';
export const OPENAPI_JSON_PATH = '/docs/json';

/**
 * Swagger UI at /docs and the document at /docs/json. Zod schemas given to `@Body({ schema })`,
 * `@Query({ schema })` or `@ApiResponse({ standardSchema })` are described from the schema itself
 * (Standard JSON Schema, which zod 4 implements), so the docs cannot drift from validation.
 */
export function setupOpenApi(app: INestApplication, { title, version, description }: OpenApiOptions): void {
  const config = new DocumentBuilder()
    .setTitle(title)
    .setVersion(version)
    .setDescription(description ?? '')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  SwaggerModule.setup(OPENAPI_UI_PATH, app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
  });
}
