#!/usr/bin/env node
// The built CLI (npm run build). Exits with main's code: 0 done, 1 error, 130 cancelled.
import { main } from '../dist/src/cli/main.js';

process.exit(await main(process.argv.slice(2)));
