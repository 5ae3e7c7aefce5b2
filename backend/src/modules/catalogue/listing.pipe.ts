import { Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { FieldError, validationFailed } from '../../core/errors/domain-error';
import { ListingContentDto } from './dto/listing.dto';

/** `prices.0.tiers.1.to` → `prices[0].tiers[1].to`, the way a form names nested fields. */
function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = /^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      message: message.startsWith('property ') && message.endsWith('should not exist') ? `${field} is not a recognised field` : message.replace(/^[\w.[\]]+ (must|should)/, `${field} $1`),
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Validates a listing body with field paths in bracket form. Used as a parameter pipe on a body
 * typed as a plain interface, so the global pipe (dotted paths) leaves it alone.
 */
@Injectable()
export class ListingContentPipe implements PipeTransform {
  async transform(value: unknown): Promise<ListingContentDto> {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw validationFailed([{ field: 'body', message: 'Send the listing as a JSON object' }]);
    const dto = plainToInstance(ListingContentDto, value, { enableImplicitConversion: false });
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) throw validationFailed(flatten(errors));
    return dto;
  }
}
