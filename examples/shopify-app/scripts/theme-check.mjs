// Shopify's theme linter (@shopify/theme-check-node) over the theme app extension, with the
// checks Shopify applies to theme app extensions. Prints each offense; exits 1 if there is any.
import path from "node:path";
import { themeCheckRun } from "@shopify/theme-check-node";

const root = path.resolve(process.argv[2] ?? "extensions/clinic-articles");
const { offenses, theme } = await themeCheckRun(root, undefined, () => {});
for (const offense of offenses) {
  const file = path.relative(process.cwd(), new URL(offense.uri).pathname);
  console.log(`${file}:${offense.start.line + 1}: [${offense.check}] ${offense.message}`);
}
console.log(`theme-check: ${theme.length} files, ${offenses.length} offenses`);
process.exit(offenses.length ? 1 : 0);
