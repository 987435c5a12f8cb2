// Exit 1, naming the command to run, when the committed types differ from freshly generated ones.
import { readFileSync } from "node:fs";

const [committed, generated] = process.argv.slice(2);
if (readFileSync(committed, "utf8") !== readFileSync(generated, "utf8")) {
  console.error(`${committed} is out of date with clients/openapi.json: run \`npm run generate\` and commit it.`);
  process.exit(1);
}
