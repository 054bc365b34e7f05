// ESLint for `npm run validate` (ADR 019). Syntax-only rules: no rule here needs type information,
// so the whole tree lints in seconds on CI's two cores; `tsc --noEmit` is the type check.
import js from "@eslint/js";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// The layers (ADR 019, shared/STYLE.md). Paths are resolved, so `../../app/x` from db/seed and
// `../app/x` from db/ are the same violation; an import the resolver cannot find fails
// `import-x/no-unresolved` rather than slipping past these zones.
const layers = [
  {
    target: "./db",
    from: ["./app", "./search", "./test", "./server.ts"],
    message: "db/ is the bottom layer: it imports nothing from app/, search/ or test/.",
  },
  {
    target: "./search",
    from: ["./app", "./test", "./server.ts"],
    message: "search/ imports only db/ (and itself).",
  },
  {
    target: "./app/components",
    from: "./**/*.server.{ts,tsx}",
    message: "Components reach the browser: they import no .server module; pass the value in as a prop.",
  },
  {
    // Type imports too: a route takes a row's type from the model function that returns it.
    target: "./app/routes",
    from: "./db",
    message: "Routes do not reach into db/: call a model in app/models, or take the words from app/domain.",
  },
];

export default tseslint.config(
  { ignores: ["build/", "public/build/", ".data/", ".cache/", "test-results/", "node_modules/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.{js,ts,tsx}"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    plugins: { "react-hooks": reactHooks, "import-x": importX },
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json", ".node"] })],
    },
    rules: {
      "import-x/no-restricted-paths": ["error", { zones: layers }],
      "import-x/no-unresolved": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // React runs in app/ only. In server modules (.server.ts) and in tests, "use" is the plain verb
    // (useTrustedDevice spends a trusted device; usePortalAndBrowser is a vitest fixture), not a hook.
    files: ["app/**/*.{ts,tsx}", "*.tsx"],
    ignores: ["**/*.server.ts"],
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    // Migrations are frozen against Kysely<any> (Kysely's docs, shared/STYLE.md): they must not
    // follow db/schema.ts as it changes, so their database has no type.
    files: ["db/migrations/**/*.ts", "db/migrate.server.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
