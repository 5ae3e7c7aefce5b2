import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problemFrom } from '../../core/errors/problem.filter';
import { CompetitionNotReady } from './competitions.service';

/** The usual problem+json, plus `blockers`: the list the competition's task page shows. */
@Catch(CompetitionNotReady)
export class CompetitionProblemFilter implements ExceptionFilter {
  catch(exception: CompetitionNotReady, host: ArgumentsHost) {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const { problem } = problemFrom(exception, req?.originalUrl?.split('?')[0]);
    if (res.headersSent) return;
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify({ ...problem, blockers: exception.blockers }));
  }
}
