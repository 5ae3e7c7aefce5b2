import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../../core/auth/auth.decorators';
import { DomainError } from '../../core/errors/domain-error';

class HealthStatus {
  @ApiProperty({ example: 'ok' }) status: string;
}

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(private readonly db: DataSource) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiOkResponse({ type: HealthStatus })
  health(): HealthStatus {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ summary: 'Readiness: the database is reachable' })
  @ApiOkResponse({ type: HealthStatus })
  @ApiServiceUnavailableResponse({ description: 'The database is not reachable' })
  async ready(): Promise<HealthStatus> {
    try {
      await this.db.query('SELECT 1');
    } catch {
      throw new DomainError(503, 'database-unavailable', 'Service unavailable', 'The database is not reachable.', undefined, { 'Retry-After': '5' });
    }
    return { status: 'ok' };
  }
}
