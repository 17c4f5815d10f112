import type { SearchService } from '../../search/search-service';
import type { ChannelImpls } from '../envelope';

type SearchChannels = 'search:crawl' | 'search:cancel' | 'search:query' | 'search:status' | 'search:sizes' | 'search:drop';

export function searchChannels(search: SearchService): ChannelImpls<SearchChannels> {
  return {
    'search:crawl': (req) => search.crawl(req),
    'search:cancel': (req) => ({ cancelled: search.cancel(req.crawlId) }),
    'search:query': (req) => search.query(req),
    'search:status': (req) => search.status(req.connectionId, req.bucket),
    'search:sizes': (req) => search.sizes(req.connectionId, req.bucket, req.prefix),
    'search:drop': async (req) => {
      await search.drop(req.connectionId, req.bucket);
      return {};
    },
  };
}
