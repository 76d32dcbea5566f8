/**
 * Turning a batch of MutationRecords into work, Dark Reader style: posts whose inside changed are "dirty"
 * (rescan them), posts that arrived are "new"; added subtrees inside other added subtrees are dropped, and past
 * a threshold the batch becomes one full rescan instead of thousands of small lookups.
 */
import type { CompiledRules } from './text-blocks';

export interface MutationPlan {
  /** Known or unknown roots whose content changed (an edit, highlight.js, an expanded quote). */
  dirtyRoots: Set<Element>;
  /** Roots that arrived with added subtrees (a loaded page of posts, a post re-created after cloaking). */
  newRoots: Set<Element>;
  /** Too much arrived at once: query the whole observed root instead. */
  fullRescan: boolean;
}

const ELEMENT_NODE = 1;

function elementOf(node: Node): Element | null {
  return node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement;
}

export function planMutations(
  records: readonly MutationRecord[],
  compiled: CompiledRules,
  fullRescanThreshold: number,
): MutationPlan {
  const dirtyRoots = new Set<Element>();
  const added = new Set<Element>();
  for (const record of records) {
    const target = elementOf(record.target);
    const root = target ? compiled.rootOf(target) : null;
    if (root) {
      dirtyRoots.add(root);
      continue;
    }
    if (record.type !== 'childList') continue;
    for (const node of record.addedNodes) if (node.nodeType === ELEMENT_NODE) added.add(node as Element);
  }

  // Children of added parents are covered by their parent's query.
  const tops: Element[] = [];
  for (const element of added) {
    let covered = false;
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
      if (added.has(parent)) {
        covered = true;
        break;
      }
    }
    if (!covered && element.isConnected) tops.push(element);
  }

  const plan: MutationPlan = {
    dirtyRoots,
    newRoots: new Set(),
    fullRescan: tops.length > fullRescanThreshold,
  };
  if (plan.fullRescan) return plan;
  for (const element of tops) for (const root of compiled.rootsIn(element)) plan.newRoots.add(root);
  return plan;
}
