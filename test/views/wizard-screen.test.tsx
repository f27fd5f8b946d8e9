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

describe('a check confirmed by hand on the wizard screen', () => {
  const step = { id: 'k3s', title: 'Initial k3s cluster', explanation: 'install k3s', destructive: false, preconditions: [], actions: () => [] };
  const check = { description: 'the k3s API answers and every node is Ready', why: 'no kubernetes.initial context in the config', instruction: 'sudo k3s kubectl get nodes: every node Ready' };

  it('says what to check, why no source could, and takes y (confirmed) or a (abort) with its footer saying so', async () => {
    const session = new WizardSession({ id: 'bootstrap', title: 'Bootstrap', description: '', steps: [step] });
    const { lastFrame, stdin } = renderThemed(<WizardScreen session={session} title="bootstrap" simulated={false} onClose={() => {}} onInterrupt={() => {}} />);
    session.onEvent({ type: 'step-start', stepId: 'k3s', at: 0 });
    const confirmed = session.confirmByHand(step, check);
    await tick();
    // The frame's borders sit between wrapped lines: compare the words.
    const frame = plain(lastFrame()).replace(/[│\s]+/g, ' ');
    expect(frame).toContain('Not read from a live source. Confirm by hand: the k3s API answers and every node is Ready (no kubernetes.initial context in the config).');
    expect(frame).toContain('How: sudo k3s kubectl get nodes: every node Ready');
    expect(frame).toMatch(/y confirmed .*a abort/);
    stdin.write('x');
    await tick();
    expect(session.getState().prompt?.kind).toBe('by-hand');
    stdin.write('y');
    expect(await confirmed).toBe('confirmed');
    const aborted = session.confirmByHand(step, check);
    await tick();
    stdin.write('a');
    expect(await aborted).toBe('abort');
  });
});

describe('a step confirmed by typing on the wizard screen', () => {
  const step = {
    id: 'inject',
    title: 'Lose the volume of metal-db',
    explanation: 'A drill on a real rack.',
    destructive: true,
    preconditions: [],
    actions: () => [],
  };
  const action = { id: 'clear', description: 'Delete the data volume', effect: { op: 'clear-data', component: 'm' } as const, calls: [{ kind: 'kube', context: 'lab', namespace: 'ns', verb: 'delete', resource: 'persistentvolumeclaim', name: 'metal-db-metal-db-0' } as const], destructive: true };
  const request = { text: 'destroy m on lab', what: ['2. DELETE its data volume'] };

  async function open() {
    const session = new WizardSession({ id: 'drill-inject', title: 'Drill', description: '', steps: [step] });
    const r = renderThemed(<WizardScreen session={session} title="drill" simulated={false} onClose={() => {}} onInterrupt={() => {}} />);
    session.onEvent({ type: 'step-start', stepId: 'inject', at: 0 });
    const typed = session.confirmTyped(step, [action], request);
    await tick();
    return { ...r, typed };
  }

  it('shows what will be done and the exact call first, then the text to type; Enter hands over what was typed', async () => {
    const { lastFrame, stdin, typed } = await open();
    const frame = plain(lastFrame());
    expect(frame).toContain('2. DELETE its data volume');
    expect(frame).toContain('delete persistentvolumeclaim metal-db-metal-db-0');
    expect(frame).toContain('Type exactly: destroy m on lab');
    expect(frame).toMatch(/Enter confirm .*Esc cancel/);
    // Typed key by key, as a person does: no letter is a key binding here (an 'a' is text, not abort).
    for (const ch of 'destroy m on lab') stdin.write(ch);
    await tick();
    stdin.write('\r');
    expect(await typed).toBe('destroy m on lab');
  });

  it('Esc cancels: no text is handed over', async () => {
    const { stdin, typed } = await open();
    stdin.write('destroy');
    await tick();
    stdin.write('\u001b');
    expect(await typed).toBeUndefined();
  });
});
