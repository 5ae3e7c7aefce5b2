import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class RecipientsCsvBody {
  @ApiProperty({ example: 'ODS code\nA81001\nA81002\n', description: 'The file’s text: one ODS code per row, optionally under a header naming an "ODS code" column' })
  @IsString()
  @MaxLength(200000, { message: 'The file is too large (at most 2,000 rows)' })
  csv: string;
}
