import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  plugins: [svelte()],
  // Tauri serves the built files itself; a fixed port lets tauri.conf.json's devUrl find Vite.
  server: { port: 5173, strictPort: true },
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // Inline data: URLs would need a looser CSP; keep every asset a file.
    assetsInlineLimit: 0,
  },
  resolve: {
    // ECharts' classes need an `__extends` that survives Tauri's frozen Object.prototype.
    alias: [{ find: /^tslib$/, replacement: `${root}src/lib/frozen-tslib.ts` }],
    ...(process.env.VITEST ? { conditions: ["browser"] } : {}),
  },
  test: {
    root,
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
  },
});
