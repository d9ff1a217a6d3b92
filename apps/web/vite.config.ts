import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In `npm run dev` Vite serves the app and forwards API calls to the API on PORT.
// changeOrigin: the API sees Host 127.0.0.1:PORT (with SMART_AUTH=off it answers
// nothing else, against DNS rebinding).
const api = { target: `http://127.0.0.1:${process.env.PORT ?? 4000}`, changeOrigin: true };

export default defineConfig({
  plugins: [react()],
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    strictPort: true,
    proxy: { '/graphql': api, '/auth': api, '/healthz': api, '/readyz': api, '/templates': api },
  },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 2000 },
});
