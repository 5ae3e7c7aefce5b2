import type { Config } from '@react-router/dev/config';

export default {
  // Server rendering: every page works without JavaScript; scripts only enhance.
  ssr: true,
  appDirectory: 'app',
  buildDirectory: 'build',
  // The whole route manifest comes in one cacheable script, rather than each page carrying (and the
  // server matching, on every render) its part of it, and client navigations asking /__manifest.
  routeDiscovery: { mode: 'initial' },
} satisfies Config;
