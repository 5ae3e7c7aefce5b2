import { Module } from '@nestjs/common';
import { ListingPageService } from './listing-page.service';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';
import { ShortlistsController } from './shortlists.controller';
import { ShortlistsService } from './shortlists.service';
import { VocabularyService } from './vocabulary';

/** Public search and browse, solution pages, comparison, and buyers' shortlists. */
@Module({
  controllers: [SearchController, ShortlistsController],
  providers: [SearchService, ListingPageService, ShortlistsService, VocabularyService],
  exports: [SearchService],
})
export class SearchModule {}
