import { Global, Module } from '@nestjs/common';
import { LivenessService } from './liveness.service';

/** Which API processes are alive (an advisory lock each); global so core services can ask. */
@Global()
@Module({ providers: [LivenessService], exports: [LivenessService] })
export class LivenessModule {}
