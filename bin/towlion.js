#!/usr/bin/env node
import { main } from "../dist/towlion.js";

process.exitCode = await main(process.argv.slice(2));
