/*
 * ESLint: Next's rules (core web vitals), typescript-eslint's recommended rules, no import cycles, and the walls
 * between Archway's layers.
 *
 * The layers. A file may import its own folder and the layers named on its line, nothing else of the project.
 *
 *   layer          folders                                      may import                            runs
 *   -------------  -------------------------------------------  ------------------------------------  -------------
 *   domain         lib/oci                                      (nothing of the app)                  anywhere (1)
 *   config         lib/config     (the list of settings)        (nothing of the app)                  anywhere (1)
 *   contract       lib/api (but the edge files below)           domain                                anywhere (1)
 *   api-edge       lib/api/{handler,error-mapping,params,       domain, contract, registry,           server
 *                  request-body}.ts
 *                                                               observability, config
 *   registry       lib/registry                                 domain, config, lib/api/retry.ts      server
 *   observability  lib/observability (logs, metrics)            domain, config, registry              server
 *   audit          lib/audit                                    domain, contract, config,             server
 *                                                               observability, server (data dir)
 *   inspect        lib/inspect                                  domain, contract, config, registry,   server
 *                                                               observability
 *   browse         lib/browse     (catalog, summaries)          inspect's, plus inspect and the       server
 *                                                               error mapping
 *   push           lib/push                                     domain, contract, config, registry,   server
 *                                                               audit, observability, server, the
 *                                                               error mapping (not the Next wrapper)
 *   server         lib/server     (lifecycle, health, data dir) domain, contract, config, registry,   server
 *                                                               audit, observability, push
 *   auth           lib/auth       (sessions, sign-in, gate)     domain, contract, config, registry,   server
 *                                                               observability, server
 *   present        lib/present    (labels, links, commands)     domain, contract, config              browser-safe (2)
 *   draft          lib/draft      (the editor's pure model)     domain, contract, config, present     browser-safe (2)
 *   queries        lib/queries    (browser data: TanStack)      domain, contract, config, present     browser-safe (2)
 *   i18n           lib/i18n       (locale, catalogs)            (nothing of the app)                  browser-safe (2),
 *                                                                                                     but request.ts (4)
 *   ui             components/ui                                domain, contract, config, present,    browser-safe (2)
 *                                                               i18n
 *   shared-ui      components/shared                            ui + the browser-safe lib layers      browser-safe (2)
 *   feature        components/<area>                            ui, shared-ui, other areas,           browser-safe (2)
 *                                                               browser-safe lib layers
 *   route          app/api                                      any lib layer                         server
 *   page           app (the rest)                               components, any lib layer (3)         server (3)
 *   tools          scripts, test, e2e, lib/oci/fixtures,        anything; nothing imports them but    tests, CLI
 *                  components/__fixtures__, *.test.ts(x)        other tools
 *
 * (1) no framework and no I/O: no next/*, react, server-only, Node built-ins (node:fs, node:net, ...), undici,
 *     better-sqlite3, pg, pino, prom-client, @tanstack/*.
 * (2) never a server module: no server layer above, no server-only, Node built-ins, undici, better-sqlite3, pg,
 *     pino, prom-client, next/server, next/headers.
 * (3) a file marked 'use client' (in app/ or anywhere) imports no server layer and no server-only module
 *     (archway/no-server-import-in-client-file).
 * (4) lib/i18n/request.ts is next-intl's request configuration: server-only, it reads the request's cookie and
 *     Accept-Language (next/headers). The rest of lib/i18n (the locale rules, the catalogs) runs anywhere.
 *
 * A new folder under lib/, components/ or app/ needs a line here and in ELEMENTS below (boundaries/no-unknown-files
 * says so), so a layer cannot be added without saying what it may import. test/lint/boundaries.test.ts lints
 * snippets placed in each layer and expects these errors, so the walls cannot silently turn off.
 *
 * Not type-aware: typescript-eslint's type-checked rules cost about 45 s of CPU on this tree (three times the rest
 * of the lint together) and `tsc --noEmit` already checks the types.
 */
import path from 'node:path';
import { builtinModules } from 'node:module';
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import boundaries from 'eslint-plugin-boundaries';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';

const ROOT = import.meta.dirname;

/** Test, fixture and CLI code: free to import any layer, never imported by a layer. */
const TOOL_FILES = [
  '**/*.test.ts',
  '**/*.test.tsx',
  'test/**',
  'e2e/**',
  'scripts/**',
  'lib/oci/fixtures/**',
  'components/__fixtures__/**',
];

/** lib/api's server edge: the Next route wrapper, the query and body readers, the one mapping of errors to API errors. */
const API_EDGE_FILES = ['lib/api/handler.ts', 'lib/api/error-mapping.ts', 'lib/api/params.ts', 'lib/api/request-body.ts'];

/** next-intl's request configuration: the one server file of lib/i18n. */
const I18N_REQUEST_FILE = 'lib/i18n/request.ts';

/** Order matters: the first descriptor a file matches gives its layer. */
const ELEMENTS = [
  { type: 'tools', pattern: ['test', 'e2e', 'scripts', 'lib/oci/fixtures', 'components/__fixtures__'], partialMatch: false },
  { type: 'domain', pattern: 'lib/oci', partialMatch: false },
  { type: 'config', pattern: 'lib/config', partialMatch: false },
  { type: 'api', pattern: 'lib/api', partialMatch: false },
  { type: 'registry', pattern: 'lib/registry', partialMatch: false },
  { type: 'observability', pattern: 'lib/observability', partialMatch: false },
  { type: 'audit', pattern: 'lib/audit', partialMatch: false },
  { type: 'inspect', pattern: 'lib/inspect', partialMatch: false },
  { type: 'browse', pattern: 'lib/browse', partialMatch: false },
  { type: 'push', pattern: 'lib/push', partialMatch: false },
  { type: 'server', pattern: 'lib/server', partialMatch: false },
  { type: 'auth', pattern: 'lib/auth', partialMatch: false },
  { type: 'present', pattern: 'lib/present', partialMatch: false },
  { type: 'draft', pattern: 'lib/draft', partialMatch: false },
  { type: 'queries', pattern: 'lib/queries', partialMatch: false },
  { type: 'i18n', pattern: 'lib/i18n', partialMatch: false },
  { type: 'ui', pattern: 'components/ui', partialMatch: false },
  { type: 'shared-ui', pattern: 'components/shared', partialMatch: false },
  { type: 'feature', pattern: 'components/*', partialMatch: false, capture: ['area'] },
  { type: 'route', pattern: 'app/api', partialMatch: false },
  { type: 'page', pattern: 'app', partialMatch: false },
];

/** lib/api's files are the server edge or the shared contract (the first pattern a file matches decides). */
const FILES = [
  { category: 'edge', pattern: API_EDGE_FILES },
  { category: 'i18n-request', pattern: I18N_REQUEST_FILE },
  { category: 'contract', pattern: 'lib/api/**' },
];

const contract = { element: { type: 'api' }, file: { categories: 'contract' } };
const edge = { element: { type: 'api' }, file: { categories: 'edge' } };
const i18nRequest = { element: { type: 'i18n' }, file: { categories: 'i18n-request' } };
const errorMapping = { element: { type: 'api' }, file: { path: 'lib/api/error-mapping.ts' } };
// The one rule for retrying an HTTP request, pure, shared by the registry client and the browser's queries.
const retryRule = { element: { type: 'api' }, file: { path: 'lib/api/retry.ts' } };
const layer = (...types) => types.map((type) => ({ element: { type } }));

const SERVER_LAYERS = ['registry', 'observability', 'audit', 'inspect', 'browse', 'push', 'server', 'auth'];
const BROWSER_SAFE_LIB = ['present', 'draft', 'queries', 'i18n'];

/** Packages by their base name (`next` covers `next/link`); a module selector matches the base and the subpath apart. */
const NODE_BUILTINS = builtinModules.flatMap((name) => (name.startsWith('node:') ? [name] : [name, `node:${name}`]));
const IO_PACKAGES = ['undici', 'better-sqlite3', 'pg', 'pino', 'prom-client'];
const FRAMEWORK_PACKAGES = ['next', 'react', 'react-dom', '@tanstack/*'];
const nextServerModules = { module: { source: 'next', internalPath: ['server', 'headers'] } };

/** Who may import which layer (local files); everything not listed is refused. */
const LAYER_POLICIES = [
  { from: layer('tools'), allow: { to: [{ element: { type: '*' } }] } },
  { from: layer('api'), allow: { to: layer('domain') } },
  // The edge runs the request gate (lib/auth/gate.ts) and sets the API's security headers (lib/server/csp.ts).
  { from: [edge], allow: { to: [...layer('domain', 'config', 'registry', 'observability', 'auth', 'server'), contract, edge] } },
  { from: layer('registry'), allow: { to: [...layer('domain', 'config'), retryRule] } },
  { from: layer('observability'), allow: { to: layer('domain', 'config', 'registry') } },
  { from: layer('audit'), allow: { to: [...layer('domain', 'config', 'observability', 'server'), contract] } },
  { from: layer('inspect'), allow: { to: [...layer('domain', 'config', 'registry', 'observability'), contract] } },
  { from: layer('browse'), allow: { to: [...layer('domain', 'config', 'registry', 'observability', 'inspect'), contract, errorMapping] } },
  {
    from: layer('push'),
    allow: { to: [...layer('domain', 'config', 'registry', 'observability', 'audit', 'server'), contract, errorMapping] },
  },
  { from: layer('auth'), allow: { to: [...layer('domain', 'config', 'registry', 'observability', 'server'), contract] } },
  { from: layer('server'), allow: { to: [...layer('domain', 'config', 'registry', 'observability', 'audit', 'push'), contract] } },
  { from: layer('present'), allow: { to: [...layer('domain', 'config', 'i18n'), contract] } },
  { from: layer('draft'), allow: { to: [...layer('domain', 'config', 'present'), contract] } },
  { from: layer('queries'), allow: { to: [...layer('domain', 'config', 'present'), contract] } },
  { from: layer('ui'), allow: { to: [...layer('domain', 'config', 'present', 'i18n'), contract] } },
  { from: layer('shared-ui'), allow: { to: [...layer('domain', 'config', 'ui', ...BROWSER_SAFE_LIB), contract] } },
  {
    from: layer('feature'),
    allow: { to: [...layer('domain', 'config', 'ui', 'shared-ui', 'feature', ...BROWSER_SAFE_LIB), contract] },
  },
  {
    from: layer('route', 'page'),
    allow: { to: layer('domain', 'config', 'api', ...SERVER_LAYERS, ...BROWSER_SAFE_LIB, 'ui', 'shared-ui', 'feature', 'page') },
  },
  { from: layer('route'), disallow: { to: layer('ui', 'shared-ui', 'feature') }, message: 'Route handlers return data, not components.' },
];

const packages = (...sources) => ({ module: { source: sources } });

/** Packages (npm and Node built-ins) each layer may not import; the rest of npm is open to every layer. */
const PACKAGE_POLICIES = [
  { allow: { to: [{ module: { origin: ['external', 'core'] } }] } },
  {
    from: layer('domain', 'config', 'api'),
    disallow: { to: [packages(...NODE_BUILTINS, ...FRAMEWORK_PACKAGES, ...IO_PACKAGES, 'server-only')] },
    message: '{{from.element.type}} is pure (no framework, no I/O): "{{to.module.source}}" belongs in a server or browser layer.',
  },
  {
    from: layer('present', 'draft', 'queries', 'i18n', 'ui', 'shared-ui', 'feature'),
    disallow: { to: [packages(...NODE_BUILTINS, ...IO_PACKAGES, 'server-only'), nextServerModules] },
    message: '{{from.element.type}} runs in the browser: "{{to.module.source}}" is server-only.',
  },
  // The edge is lib/api's server half: it may use Next's request/response types and mark itself server-only.
  { from: [edge], allow: { to: [packages('server-only'), nextServerModules] } },
  // next-intl's request config reads the request's cookie and Accept-Language.
  { from: [i18nRequest], allow: { to: [packages('server-only'), nextServerModules] } },
];

/** Lints what a 'use client' file imports: boundaries sees folders, not directives. */
const noServerImportInClientFile = {
  meta: {
    type: 'problem',
    docs: { description: "A 'use client' file imports no server layer and no server-only package." },
    messages: {
      serverImport:
        "'{{source}}' is server code ({{why}}); this file is marked 'use client'. Pass the data in as props, or fetch it through lib/queries.",
    },
    schema: [],
  },
  create(context) {
    const isClientFile = context.sourceCode.ast.body.some(
      (node) => node.type === 'ExpressionStatement' && node.directive === 'use client',
    );
    if (!isClientFile) return {};
    const fileDir = path.dirname(context.filename);
    const serverFolders = SERVER_LAYERS.map((name) => `lib/${name}/`);
    const serverPackages = new Set([...NODE_BUILTINS, ...IO_PACKAGES, 'server-only', 'next/server', 'next/headers']);
    const check = (sourceNode) => {
      const source = sourceNode?.value;
      if (typeof source !== 'string') return;
      let projectPath = null;
      if (source.startsWith('@/')) projectPath = source.slice(2);
      else if (source.startsWith('.')) projectPath = path.relative(ROOT, path.resolve(fileDir, source)).split(path.sep).join('/');
      let why = null;
      if (projectPath !== null) {
        if (serverFolders.some((folder) => `${projectPath}/`.startsWith(folder))) why = `the ${projectPath.split('/')[1]} layer`;
        else if (API_EDGE_FILES.some((file) => file.replace(/\.ts$/, '') === projectPath.replace(/\.ts$/, ''))) why = 'the API edge';
        else if (I18N_REQUEST_FILE.replace(/\.ts$/, '') === projectPath.replace(/\.ts$/, '')) why = "next-intl's request config";
      } else if (serverPackages.has(source)) why = 'a server package';
      if (why) context.report({ node: sourceNode, messageId: 'serverImport', data: { source, why } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

const config = [
  { ignores: ['.next/**', '.test-output/**', '.demo/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    name: 'archway/rules',
    rules: {
      // `_name` says "deliberately unused": destructuring a field away, a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-unused-expressions': 'error',
      // House style: `import type { A }` when everything imported is a type, `import { a, type B }` when mixed.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    // import-x resolves with the TypeScript resolver in-process: several times faster than Next's import/no-cycle.
    name: 'archway/no-cycles',
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ROOT })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    name: 'archway/walls',
    files: ['**/*.{ts,tsx}'],
    plugins: { boundaries, archway: { rules: { 'no-server-import-in-client-file': noServerImportInClientFile } } },
    settings: {
      'boundaries/root-path': ROOT,
      'boundaries/elements': ELEMENTS,
      'boundaries/files': FILES,
      'boundaries/files-single-match': true,
      'boundaries/include': ['lib/**', 'components/**', 'app/**', 'test/**', 'e2e/**', 'scripts/**'],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          checkAllOrigins: true,
          message:
            '{{from.element.type}} ({{from.element.path}}) may not import {{to.element.type}} ({{to.element.path}}): see the layer table at the top of eslint.config.mjs.',
          policies: [...LAYER_POLICIES, ...PACKAGE_POLICIES],
        },
      ],
      'boundaries/no-unknown-files': 'error',
      'archway/no-server-import-in-client-file': 'error',
    },
  },
  {
    name: 'archway/tools',
    files: TOOL_FILES,
    rules: { 'boundaries/dependencies': ['error', { default: 'allow', checkAllOrigins: false }] },
  },
  {
    // Playwright fixtures receive a function named `use`: it is not React's hook.
    name: 'archway/playwright',
    files: ['e2e/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    // CommonJS config files (next.config.js) import with require: that is their module system, not a lapse.
    name: 'archway/commonjs',
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];

export default config;
