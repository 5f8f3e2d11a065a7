// The built CLI's entry point (out/main/cli.js): `node out/main/cli.js <command> …`. The desktop
// app starts the local studio through it, and bin/stageside.js runs it when the checkout is built.
import { main } from './main';

process.exitCode = await main(process.argv.slice(2));
