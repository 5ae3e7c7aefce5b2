import type { Config } from '@react-router/dev/config';

export default {
  // Server rendering: every page works without JavaScript; scripts only enhance.
  ssr: true,
  appDirectory: 'app',
  buildDirectory: 'build',
} satisfies Config;
