// `stageside` command line: a thin dispatcher over the node services. Each command lives in its
// own module under commands/ and returns an exit code (0 ok, 1 failure, 2 usage error).
import { version as packageVersion } from '../../package.json';
import { processIo, UsageError, type CliCommand, type CliIo } from './io';
import { pushUrlCommand } from './commands/pushUrl';
import { usersigCommand } from './commands/usersig';
import { roomCommand } from './commands/room';
import { studioCommand } from './commands/studio';
import { simulateCommand } from './commands/simulate';
import { callbacksCommand } from './commands/callbacks';
import { webCommand } from './commands/web';
import { broadcastCommand } from './commands/broadcast';
import { doctorCommand } from './commands/doctor';
import { verifyDrawCommand } from './commands/verifyDraw';

export const cliCommands: Record<string, CliCommand> = {
  'push-url': pushUrlCommand,
  usersig: usersigCommand,
  web: webCommand,
  studio: studioCommand,
  room: roomCommand,
  simulate: simulateCommand,
  callbacks: callbacksCommand,
  doctor: doctorCommand,
  broadcast: broadcastCommand,
  'verify-draw': verifyDrawCommand,
};

export const VERSION: string = packageVersion;

function help(): string {
  const rows = Object.entries(cliCommands).map(([n, c]) => `  ${n.padEnd(10)} ${c.summary}`);
  return [
    'Usage: stageside <command> [flags]',
    '',
    'Commands:',
    ...rows,
    '',
    'Run `stageside <command> --help` for the flags of one command.',
  ].join('\n');
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(VERSION);
    return 0;
  }
  const command = cliCommands[name];
  if (!command) {
    io.stderr(`stageside: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`stageside ${name}: ${e.message}\n\n${command.usage}`);
      return 2;
    }
    io.stderr(`stageside ${name}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
