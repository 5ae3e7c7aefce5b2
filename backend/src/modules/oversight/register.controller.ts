import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiCookieAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../../core/auth/auth.decorators';
import type { Actor } from '../../core/auth/roles';
import { attachment } from '../search/csv';
import { RegisterDetail, RegisterIdParam, RegisterPage, RegisterQuery } from './register.dto';
import { RegisterService } from './register.service';

const OUT_OF_AREA = 'A sub-ICB location, PCN or practice filter that does not exist or is outside your area (problem+json)';
const FILTERS =
  'Filters: subIcb, pcn, practice (ODS codes, which must be in your area), supplier (code), capability (ref, claimed by the solution), status, noticeWithinDays (deadline between today and today + N), flagged (true: the solution is Lapsed or Failed). Sort by noticeDeadline (default), endDate, value, supplier.';

/** The contract register: commissioners see their area, the operator everything. */
@ApiTags('register')
@ApiCookieAuth()
@Roles('commissioner', 'operator')
@Controller('register')
export class RegisterController {
  constructor(private readonly register: RegisterService) {}

  @Get('contracts')
  @ApiOperation({ summary: `Contracts in your area, soonest notice deadline first, each with its enforcement flag. ${FILTERS} The total is counted up to 1,000 (totalIsCapped says there are more).` })
  @ApiOkResponse({ type: RegisterPage })
  @ApiBadRequestResponse({ description: 'A filter is not valid; each field named (problem+json)' })
  @ApiForbiddenResponse({ description: 'Not a commissioner or the operator (problem+json)' })
  @ApiNotFoundResponse({ description: OUT_OF_AREA })
  list(@CurrentActor() actor: Actor, @Query() query: RegisterQuery): Promise<RegisterPage> {
    return this.register.list(actor, query);
  }

  @Get('contracts.csv')
  @ApiOperation({ summary: `Every contract matching the same filters, as CSV in the register's order (page and pageSize are ignored). Cells are escaped against formula injection.` })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, one row per contract', schema: { type: 'string' } })
  @ApiBadRequestResponse({ description: 'A filter is not valid (problem+json)' })
  @ApiForbiddenResponse({ description: 'Not a commissioner or the operator (problem+json)' })
  @ApiNotFoundResponse({ description: OUT_OF_AREA })
  async csv(@CurrentActor() actor: Actor, @Query() query: RegisterQuery, @Res() res: Response): Promise<void> {
    let started = false;
    await this.register.csv(actor, query, async (chunk) => {
      if (!started) {
        started = true;
        res.status(200);
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', attachment(`contract-register-${new Date().toISOString().slice(0, 10)}`));
      }
      if (res.destroyed) throw new Error('The client went away during the CSV download');
      // Back-pressure; a client that goes away ends the loop (and frees the cursor's connection).
      if (!res.write(chunk)) await new Promise<void>((resolve) => { res.once('drain', resolve); res.once('close', resolve); });
    }).catch((e) => {
      if (!started) throw e;
      res.destroy(e);
    });
    if (!res.destroyed) res.end();
  }

  @Get('contracts/:id')
  @ApiOperation({ summary: 'One contract in your area: recipients, enforcement flag, order revisions and the audit history of the contract and its orders' })
  @ApiOkResponse({ type: RegisterDetail })
  @ApiForbiddenResponse({ description: 'Not a commissioner or the operator (problem+json)' })
  @ApiNotFoundResponse({ description: 'No contract in your area has that id (problem+json)' })
  get(@CurrentActor() actor: Actor, @Param() p: RegisterIdParam): Promise<RegisterDetail> {
    return this.register.get(actor, p.id);
  }
}
