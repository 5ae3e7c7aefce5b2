import { reactRouter } from '@react-router/dev/vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';
import tsconfigPaths from 'vite-tsconfig-paths';

export default defineConfig({
  plugins: [tailwindcss(), reactRouter(), tsconfigPaths()],
  build: {
    // Inline data: URLs would need a looser Content-Security-Policy.
    assetsInlineLimit: 0,
  },
  server: {
    // `react-router dev` only: production proxies /api in server.mjs.
    proxy: { '/api': { target: process.env.API_URL ?? 'http://127.0.0.1:3001', xfwd: true } },
  },
});
