import { defineConfig } from 'vite';

/**
 * The client build. `--mode test` adds the window test API (and, for XR tests, the headset emulator)
 * and writes to dist/client-test, so production bundles never carry them.
 */
export default defineConfig(({ mode }) => ({
  root: 'client',
  base: './',
  publicDir: false,
  build: {
    outDir: mode === 'test' ? '../dist/client-test' : '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: mode === 'test',
    chunkSizeWarningLimit: 2500,
    // Two pages: the space and the camera-publishing page (SPEC CP5). Test builds add the voice bot
    // page that bench/voice.bench.ts drives and the projection's pixel-test scene (tests/e2e/projection.test.ts).
    rollupOptions: {
      input: {
        main: 'client/index.html',
        camera: 'client/camera.html',
        ...(mode === 'test' ? { 'voice-bot': 'client/bench/voice-bot.html', 'projection-test': 'client/test/projection.html' } : {}),
      },
    },
  },
  server: {
    port: 5173,
  },
}));
