import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { stacked } from '../../../core/http/stacked';

// What a buyer chooses for an order and, before it, for a competition (whose award becomes a
// draft order): one set of rules and messages, so a choice valid in one is valid in the other.
// Each field keeps its own OpenAPI description where it is declared.

/** A framework id, e.g. TIF001. */
export const IsFrameworkId = () => stacked(IsString(), Matches(/^[A-Z0-9]{3,16}$/, { message: 'Choose a framework' }));

/** Service recipients: the ODS codes of 1 to 2,000 practices (checked against the buyer's scope by the service). */
export const IsPracticeOdsCodes = () =>
  stacked(IsArray(), ArrayMinSize(1, { message: 'Choose at least one practice' }), ArrayMaxSize(2000), IsString({ each: true }));

/** The id of one of a listing's prices, e.g. p1. */
export const IsPriceId = () => stacked(IsString(), MinLength(1, { message: 'Choose a price' }), MaxLength(64));

/** A quantity entered for a price that is not per patient. */
export const IsQuantity = () =>
  stacked(
    Type(() => Number),
    IsInt({ message: 'Enter a whole number' }),
    Min(0, { message: 'Quantity must be 0 or more' }),
    Max(100000000, { message: 'Quantity must be 100,000,000 or less' }),
  );
