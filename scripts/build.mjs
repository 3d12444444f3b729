// The production build: `npm run build` bundles src/main.ts and src/worker.ts, with everything they import,
// into dist/main.js and dist/worker.js with esbuild. Bundling the npm packages too halves start-up (Node no
// longer resolves and reads about a thousand files one by one); see NOT_BUNDLED for the exceptions.
// `node scripts/build.mjs --if-stale` (and scripts/run.mjs behind npm start, and ecosystem.config.cjs) builds only when
// dist is missing or a file the last build read has changed since (or npm installed something), so an
// up-to-date start costs a few dozen file stats.
//
// dist/ runs from inside the project: the dashboard and web-chat assets, data/*.json and package.json are
// read at run time from where they are in the source tree, so editing them needs no rebuild.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');
const manifest = join(outdir, 'build-inputs.json');
const entryPoints = { main: join(root, 'src/main.ts'), worker: join(root, 'src/worker.ts') };

/**
 * Left as imports of node_modules: twilio loads its 7 MB of REST API classes lazily, which a bundle would
 * undo; the rest are optional native or cloud add-ons of mongodb and msgpackr that may not be installed.
 */
const NOT_BUNDLED = [
  'twilio',
  // Gemini's client: google-auth-library requires its own nested copy of gcp-metadata, which the bundle's
  // require() cannot reach; left to node, the package resolves as installed.
  '@google/genai',
  'mongodb-client-encryption', 'kerberos', 'snappy', '@mongodb-js/zstd', '@aws-sdk/credential-providers',
  'gcp-metadata', 'socks', 'aws4', 'msgpackr-extract',
];

// CommonJS packages inside an ES module bundle still call require() and read __dirname.
const COMMONJS_GLOBALS = [
  "import { createRequire as __grocerCreateRequire } from 'node:module';",
  "import { fileURLToPath as __grocerFileURLToPath } from 'node:url';",
  'const require = __grocerCreateRequire(import.meta.url);',
  'const __filename = __grocerFileURLToPath(import.meta.url);',
  "const __dirname = __grocerFileURLToPath(new URL('.', import.meta.url));",
].join(' ');

/** Besides what the bundle read: npm rewrites node_modules/.package-lock.json whenever it installs. */
const ALSO_WATCHED = ['package.json', 'package-lock.json', 'node_modules/.package-lock.json', 'tsconfig.json', 'scripts/build.mjs'];

/**
 * A bundle has one import.meta.url for every module in it, but our modules find their files relative to
 * themselves (`new URL('./dashboard.html', import.meta.url)`). So in each module of ours, import.meta.url
 * becomes that module's own source URL, worked out at run time from where the bundle is.
 */
const ownModuleUrls = {
  name: 'own-module-urls',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
      if (args.path.split(sep).includes('node_modules')) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const fromBundle = relative(outdir, args.path).split(sep).join('/');
      const own = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', own), loader: 'ts', resolveDir: dirname(args.path) };
    });
  },
};

/** Compiles the entry points into dist/ and records which files it read. */
export async function build() {
  const { build: esbuild } = await import('esbuild');
  const started = Date.now();
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: NOT_BUNDLED,
    banner: { js: COMMONJS_GLOBALS },
    sourcemap: 'linked',
    sourcesContent: false,
    minifyWhitespace: true,
    minifySyntax: true,
    // Without it esbuild renames classes that clash (abort-controller's AbortSignal becomes AbortSignal2),
    // and libraries that check `constructor.name` refuse them: node-fetch v2 under grammY rejected every
    // Bot API call's signal, so the bundle could not reach Telegram at all. Keeping names fixes that whole
    // class of check, not only this one library, for a few kB of bundle.
    keepNames: true,
    metafile: true,
    write: false,
    logLevel: 'warning',
    plugins: [ownModuleUrls],
  });
  const ours = Object.keys(result.metafile.inputs).filter((file) => !file.split('/').includes('node_modules'));
  const inputs = [...ours, ...ALSO_WATCHED];
  mkdirSync(outdir, { recursive: true });
  for (const file of result.outputFiles) replace(file.path, file.contents);
  replace(manifest, JSON.stringify({ builtAt: started, inputs }, null, 1));
  return { ms: Date.now() - started, files: inputs.length };
}

/**
 * Writes a file whole or not at all: `npm start` and `npm run worker` may build at the same moment, and
 * neither may start from a half-written bundle.
 */
function replace(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/** Why dist needs building, or undefined when it is up to date. */
export function staleReason() {
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(manifest, 'utf8'));
    for (const name of Object.keys(entryPoints)) statSync(join(outdir, `${name}.js`));
  } catch {
    return 'dist/ has not been built';
  }
  for (const input of recorded.inputs) {
    let modified;
    try { modified = statSync(join(root, input)).mtimeMs; } catch { if (ALSO_WATCHED.includes(input)) continue; return `${input} is gone`; }
    if (modified >= recorded.builtAt) return `${input} changed`;
  }
  return undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const onlyIfStale = process.argv.includes('--if-stale');
  const reason = staleReason();
  if (onlyIfStale && !reason) process.exit(0);
  try {
    const { ms, files } = await build();
    console.log(`built dist/ from ${files} files in ${ms} ms${onlyIfStale ? ` (${reason})` : ''}`);
  } catch (err) {
    // esbuild has already printed the errors with their file and line.
    if (!err?.errors) console.error(err);
    process.exit(1);
  }
}
