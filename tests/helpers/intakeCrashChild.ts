// A child process for the sealed-concern crash test: signs in, then seals (staff) or imports (a
// team sign-in) and kills itself with SIGKILL at the named step, as a power cut would.
import { CaseSealCore } from '../../src/main/core/app/caseSealCore';

async function main(): Promise<void> {
  const [vaultDir, mode, killAt, accountId, passphrase] = process.argv.slice(2) as [
    string,
    'seal' | 'import',
    string,
    string,
    string,
  ];
  const core = new CaseSealCore({
    vaultDir,
    intakeSteps: (step) => {
      if (step === killAt) process.kill(process.pid, 'SIGKILL');
    },
  });
  await core.signIn(accountId, passphrase);
  if (mode === 'seal')
    await core.recordSealedConcern({
      childrenConcerned: 'Tallulah, Year 9',
      account: 'She said a Year 11 boy asked her for a photo last night.',
      when: '2026-11-20T18:30',
      where: 'Snapchat',
      involved: 'Year 11 boy',
      actionTaken: 'Listened and came straight to the DSL.',
      imagery: true,
    });
  await core.close();
  process.stdout.write('finished\n');
}

void main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(3);
});
