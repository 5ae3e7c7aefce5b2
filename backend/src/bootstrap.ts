import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppModule } from './app.module';
import { AppConfig } from './core/config/config';
import { DomainError } from './core/errors/domain-error';
import { answerClientError, PROBLEM_CONTENT_TYPE, ProblemFilter, problemFrom } from './core/errors/problem.filter';
import { validationPipe } from './core/errors/validation';
import { onlyJsonBodies, securityHeaders } from './core/http/security-headers';
import { JsonLogger, redactPath, requestContext } from './core/logging/logger';
import { MetricsService } from './modules/metrics/metrics.service';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('GP IT Marketplace API')
    .setDescription(
      'Open supplier marketplace and procurement portal for NHS primary-care IT. Errors are RFC 9457 problem+json; ' +
        'list endpoints share `page`, `pageSize`, `sort` and `q` and return `{ items, total, page, pageSize }`. ' +
        'Signed-in calls use the session cookie; state-changing calls also need the `X-CSRF-Token` header from `GET /api/auth/session`.',
    )
    .setVersion('0.1.0')
    .addCookieAuth('gpit_session')
    .build();
  const document = SwaggerModule.createDocument(app, doc, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
  return withProblemResponses(document);
}

/** Every operation can answer with RFC 9457 problem+json; say so once, for every operation. */
function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem = {
    type: 'object',
    required: ['type', 'title', 'status', 'code'],
    properties: {
      type: { type: 'string', example: 'urn:gpit:problem:validation-error' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      instance: { type: 'string' },
      code: { type: 'string', description: 'Stable machine-readable error code' },
      errors: {
        type: 'array',
        items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
      },
      requestId: { type: 'string' },
    },
  };
  for (const path of Object.values(document.paths)) {
    for (const op of Object.values(path) as { responses?: Record<string, unknown> }[]) {
      if (op && typeof op === 'object' && op.responses) {
        op.responses.default = {
          description: 'Problem (RFC 9457)',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        };
      }
    }
  }
  return document;
}

const ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

export async function createApp(config: AppConfig, logger = new JsonLogger(config.logLevel)): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger, bodyParser: false, rawBody: true });
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // Every response is Cache-Control: no-store, so nothing revalidates with an ETag; Express would
  // otherwise hash every response body to make one.
  app.set('etag', false);
  app.setGlobalPrefix('api');
  app.enableShutdownHooks();

  const metrics = app.get(MetricsService);
  // Request id first, so every later log line and problem document carries it.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && ID_PATTERN.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    res.setHeader('Cache-Control', 'no-store');
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const elapsed = process.hrtime.bigint() - started;
      // req.route: the matched route's template (e.g. /api/orders/:ref), absent when none matched.
      metrics.observe(req.method, req.route?.path, res.statusCode, Number(elapsed) / 1e9);
      logger.write(res.statusCode >= 500 ? 'error' : 'info', 'request', {
        requestId,
        method: req.method,
        path: redactPath(req.originalUrl.split('?')[0]),
        status: res.statusCode,
        ms: Number(elapsed / 1000000n),
      });
    });
    requestContext.run({ requestId }, next);
  });
  app.use(securityHeaders(config.cookieSecure));
  app.use(
    onlyJsonBodies((req, res) => {
      const { problem } = problemFrom(new DomainError(415, 'unsupported-media-type', 'Unsupported media type', 'Send the request body as application/json.'), req.originalUrl.split('?')[0]);
      res.status(415).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
    }),
  );
  app.use(cookieParser());
  // rawBody (above): the JSON parser also keeps the exact bytes on req.rawBody; the Stripe webhook's signature covers them.
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { limit: '1mb', extended: false });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.getHttpServer().on('clientError', answerClientError);

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', customSiteTitle: 'GP IT Marketplace API' });
  return app;
}
