/**
 * The layers of the house (README "Layout"), as rules `npm test` checks (test/import-graph.test.ts):
 * composition roots read the catalogue and hand it down; engines take the vendor as a value; vendor
 * folders use the engines' helpers and nothing above them. The graph is the one that runs: type-only
 * imports are erased by the build (a vendor module's type names the Probe it holds, for instance).
 */
const ROOTS = '^(src/cli/|src/index\\.ts$|src/conformance/|bench/|scripts/|test/)';
const CATALOGUE = '^src/vendors/(index|plugins)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No module reaches itself through its imports.',
      severity: 'error',
      from: { path: '^(src|suites|properties|contracts)/' },
      to: { circular: true },
    },
    {
      name: 'catalogue-only-at-the-top',
      comment: 'Only the composition roots read the built-in vendors and DESTCONF_VENDORS; engines receive the vendor.',
      severity: 'error',
      from: { path: '^(src|suites|properties|contracts)/', pathNot: [ROOTS, CATALOGUE] },
      to: { path: CATALOGUE },
    },
    {
      name: 'engines-name-no-vendor',
      comment: 'An engine works on the vendor it is given; it never imports a vendor folder.',
      severity: 'error',
      from: { path: '^(src|suites|properties|contracts)/', pathNot: [ROOTS, CATALOGUE, '^src/vendors/[^/]+/', '\\.test\\.ts$'] },
      to: { path: '^src/vendors/[^/]+/' },
    },
    {
      name: 'vendor-folders-stay-below-the-roots',
      comment: 'A vendor folder imports engine helpers, never a composition root or the catalogue.',
      severity: 'error',
      from: { path: '^src/vendors/[^/]+/' },
      to: { path: [ROOTS, CATALOGUE] },
    },
    {
      name: 'vendor-folders-are-independent',
      comment: 'A vendor folder imports no other vendor folder.',
      severity: 'error',
      from: { path: '^src/vendors/([^/]+)/' },
      to: { path: '^src/vendors/[^/]+/', pathNot: '^src/vendors/$1/' },
    },
    {
      name: 'engines-below-the-roots',
      comment: 'Engines (and vendor folders) import no composition root: the CLI, the library entry, conformance.',
      severity: 'error',
      from: { path: '^(src|suites|properties|contracts)/', pathNot: [ROOTS, CATALOGUE, '\\.test\\.ts$', '^contracts/support\\.ts$'] },
      to: { path: ROOTS },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/|src/validate/generated/' },
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6', 'cjs'],
  },
};
