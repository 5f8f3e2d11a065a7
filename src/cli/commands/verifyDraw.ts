// `stageside verify-draw`: anyone can recompute a lucky bag's winners from the revealed seed,
// the published commitment and the entrant list — the same algorithm the console drew with
// (src/shared/domain/promotions/draw.ts, docs/promotions-wire.md), the same output on every machine.
import fs from 'node:fs';
import { drawWinners, entrantsFromText } from '../../shared/domain/promotions';
import { nodeCrypto } from '../../node/infra/nodeCrypto';
import { parseFlags, requireFlag, UsageError, type CliCommand } from '../io';

const usage = `Usage: stageside verify-draw --commit HEX --seed SEED --entrants FILE --winners N

Checks that the lowercase hex SHA-256 of SEED's UTF-8 bytes is the commitment published before
the countdown, then prints the winners, one per line: the N entrants with the lowest
SHA-256(SEED + "\\n" + UserID) over the entrant list sorted by UTF-8 bytes.
  --commit HEX     the commitment (64 hex digits) from the LUCKY_BAG message or lucky_bag field
  --seed SEED      the seed revealed in the LUCKY_BAG_DRAW message
  --entrants FILE  one UserID per line, any order (blank lines and duplicates are ignored)
  --winners N      how many winners the bag announced

Exit codes: 0 winners printed, 1 the seed does not match the commitment (or the file cannot be
read), 2 bad flags.`;

export const verifyDrawCommand: CliCommand = {
  summary: "Recompute a lucky bag's winners from its seed, commitment and entrants",
  usage,
  async run(argv, io) {
    const f = parseFlags(argv, { commit: { type: 'string' }, seed: { type: 'string' }, entrants: { type: 'string' }, winners: { type: 'string' } });
    const commit = requireFlag(f.commit, '--commit').trim().toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(commit)) throw new UsageError('--commit must be 64 hex digits (a SHA-256)');
    const seed = requireFlag(f.seed, '--seed');
    const winners = Number(requireFlag(f.winners, '--winners'));
    if (!Number.isInteger(winners) || winners < 1) throw new UsageError('--winners must be a whole number ≥ 1');
    const file = requireFlag(f.entrants, '--entrants');
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      io.stderr(`stageside verify-draw: cannot read the entrants file ${file}: ${(e as Error).message}`);
      return 1;
    }
    const r = drawWinners(nodeCrypto, { commit, seed, entrants: entrantsFromText(text), winners });
    if (!r.ok) {
      io.stderr(`stageside verify-draw: ${r.message}`);
      return 1;
    }
    for (const w of r.winners) io.stdout(w);
    io.stderr(`${r.winners.length} winner(s) of ${r.entrants.length} entrant(s); entrant list SHA-256 ${r.entrantsSha256}`);
    return 0;
  },
};
