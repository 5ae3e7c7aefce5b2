import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../core/auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import { assertMayScrape } from './metrics.access';
import { MetricsService } from './metrics.service';

/**
 * Prometheus scrape endpoint. Operational, not part of the portal's API: left out of the OpenAPI
 * document and its generated client, and guarded by its own rule (METRICS_TOKEN or loopback), not
 * by a session.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async scrape(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    assertMayScrape(req, this.config.metricsToken);
    const body = await this.metrics.scrape();
    res.setHeader('Content-Type', this.metrics.contentType());
    return body;
  }
}
