#!/usr/bin/env node
// The bundled CLI (npm run build: scripts/bundle.mjs). Exits with main's code: 0 done, 1 error, 130 cancelled.
import { main } from '../dist/bundle/cli.js';

process.exit(await main(process.argv.slice(2)));
