import { describe, expect, it } from 'vitest';
import { WizardSession } from '../../src/wizards/operator/session';
import { WizardScreen } from '../../views/wizard/WizardScreen';
import { plain, renderThemed, tick } from './helpers';

describe('the wizard screen of recover, bootstrap and drill', () => {
  it('titles its frame with the runbook the command built after the screen opened', async () => {
    const session = new WizardSession({ id: 'wizard', title: 'recover', description: '', steps: [] });
    const { lastFrame } = renderThemed(<WizardScreen session={session} title="recover" simulated onClose={() => {}} onInterrupt={() => {}} />);
    await tick();
    session.reset({ id: 'recover', title: 'Recover: whole rack lost', description: '', steps: [] });
    await tick();
    expect(plain(lastFrame())).toMatch(/─ Recover: whole rack lost ─/);
  });
});
