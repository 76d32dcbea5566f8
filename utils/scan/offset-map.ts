/**
 * A block's offset map that stays true while we split its text nodes: after `splitAt(n)` a node boundary
 * sits at offset n, and the map lists the new node. Wrapping moves nodes between parents but never changes
 * a Text node's identity or data, so later spans (nested or not, in any order) still find their nodes.
 */
import type { TextBlock } from './text-blocks';

export class OffsetMap {
  readonly nodes: Text[];
  readonly starts: number[];

  constructor(block: Pick<TextBlock, 'nodes' | 'starts'>) {
    this.nodes = block.nodes.slice();
    this.starts = block.starts.slice();
  }

  /** Index of the last node starting at or before `offset`, or -1. */
  private nodeIndexAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((this.starts[middle] as number) <= offset) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }

  /**
   * Makes a node boundary at `offset` and returns the index of the first node at or after it
   * (`nodes.length` when the offset is past the last node).
   */
  splitAt(offset: number): number {
    const index = this.nodeIndexAt(offset);
    if (index < 0) return 0;
    const node = this.nodes[index] as Text;
    const local = offset - (this.starts[index] as number);
    if (local <= 0) return index;
    if (local >= node.length) return index + 1;
    const rest = node.splitText(local);
    this.nodes.splice(index + 1, 0, rest);
    this.starts.splice(index + 1, 0, offset);
    return index + 1;
  }

  /** A DOM position for a text offset (for Range), without splitting anything. */
  positionAt(offset: number, bias: 'start' | 'end'): { node: Text; offset: number } | null {
    let index = this.nodeIndexAt(offset);
    if (index < 0) index = 0;
    let node = this.nodes[index];
    if (!node) return null;
    let local = offset - (this.starts[index] as number);
    // An offset in a separator gap (a <br>) or at a node's end: for a start, move to the next node.
    if (bias === 'start' && local >= node.length && index + 1 < this.nodes.length) {
      node = this.nodes[index + 1] as Text;
      local = 0;
    }
    return { node, offset: Math.max(0, Math.min(local, node.length)) };
  }
}
