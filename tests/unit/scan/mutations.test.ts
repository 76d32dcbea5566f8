import { describe, expect, it } from 'vitest';
import { planMutations } from '@/utils/scan/mutations';
import { DISCOURSE_RULES } from '@/utils/scan/rules';
import { compileRules } from '@/utils/scan/text-blocks';

const compiled = compileRules(DISCOURSE_RULES);

/** Collects the records a change produces, as the scanner's observer would receive them. */
async function recordsOf(change: () => void): Promise<MutationRecord[]> {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((batch) => records.push(...batch));
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  change();
  await new Promise((resolve) => setTimeout(resolve, 0));
  records.push(...observer.takeRecords());
  observer.disconnect();
  return records;
}

const post = (n: number) =>
  `<div class="topic-post" data-post-number="${n}"><article><div class="cooked"><p>post ${n}</p></div></article></div>`;

describe('planMutations', () => {
  it('marks a post dirty when something inside it changes, without treating its insides as new', async () => {
    document.body.innerHTML = `<div id="main-outlet"><div class="post-stream">${post(1)}</div></div>`;
    const cooked = document.querySelector('.cooked') as Element;
    const records = await recordsOf(() => {
      cooked.querySelector('p')?.append(document.createElement('span'));
      (cooked.querySelector('p')?.firstChild as Text).data = 'edited';
    });
    const plan = planMutations(records, compiled, 10);
    expect([...plan.dirtyRoots]).toEqual([cooked]);
    expect(plan.newRoots.size).toBe(0);
  });

  it('finds new posts once, dropping added nodes inside other added nodes', async () => {
    document.body.innerHTML = '<div id="main-outlet"><div class="post-stream"></div></div>';
    const stream = document.querySelector('.post-stream') as Element;
    const records = await recordsOf(() => {
      const holder = document.createElement('div');
      holder.innerHTML = post(1) + post(2);
      stream.append(holder);
      // A child added inside the holder after it was added: covered by the holder's query.
      holder.append(document.createElement('div'));
    });
    const plan = planMutations(records, compiled, 10);
    expect([...plan.newRoots].map((root) => root.textContent)).toEqual(['post 1', 'post 2']);
    expect(plan.fullRescan).toBe(false);
  });

  it('ignores posts outside the scope (the composer preview is not #main-outlet)', async () => {
    document.body.innerHTML = '<div id="main-outlet"></div><div id="reply-control"></div>';
    const records = await recordsOf(() => {
      (document.querySelector('#reply-control') as Element).innerHTML = post(9);
    });
    expect(planMutations(records, compiled, 10).newRoots.size).toBe(0);
  });

  it('turns a flood of additions into one full rescan', async () => {
    document.body.innerHTML = '<div id="main-outlet"><div class="post-stream"></div></div>';
    const stream = document.querySelector('.post-stream') as Element;
    const records = await recordsOf(() => {
      for (let n = 1; n <= 12; n++) stream.insertAdjacentHTML('beforeend', post(n));
    });
    const plan = planMutations(records, compiled, 10);
    expect(plan.fullRescan).toBe(true);
    expect(plan.newRoots.size).toBe(0);
  });
});
