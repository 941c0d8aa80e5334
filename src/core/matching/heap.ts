/**
 * Indexed binary min-heap over node ids 0..n-1 keyed by a Float64Array, with decrease-key.
 * Ties are broken by node id so Dijkstra (and therefore the matching) is deterministic.
 */
export class IndexedHeap {
  private readonly heap: Int32Array;
  private readonly pos: Int32Array; // -1 = not in heap
  private size = 0;

  constructor(
    n: number,
    private readonly key: Float64Array,
  ) {
    this.heap = new Int32Array(n);
    this.pos = new Int32Array(n).fill(-1);
  }

  get length(): number {
    return this.size;
  }

  private less(a: number, b: number): boolean {
    const ka = this.key[a]!;
    const kb = this.key[b]!;
    return ka < kb || (ka === kb && a < b);
  }

  /** Inserts `v` or restores heap order after its key decreased. */
  pushOrDecrease(v: number): void {
    let i = this.pos[v]!;
    if (i < 0) {
      i = this.size++;
      this.heap[i] = v;
      this.pos[v] = i;
    }
    this.siftUp(i);
  }

  pop(): number {
    const top = this.heap[0]!;
    this.pos[top] = -1;
    const last = this.heap[--this.size]!;
    if (this.size > 0) {
      this.heap[0] = last;
      this.pos[last] = 0;
      this.siftDown(0);
    }
    return top;
  }

  peekKey(): number {
    return this.key[this.heap[0]!]!;
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.pos[this.heap[i]!] = -1;
    this.size = 0;
  }

  private siftUp(i: number): void {
    const h = this.heap;
    const v = h[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent]!;
      if (!this.less(v, p)) break;
      h[i] = p;
      this.pos[p] = i;
      i = parent;
    }
    h[i] = v;
    this.pos[v] = i;
  }

  private siftDown(i: number): void {
    const h = this.heap;
    const v = h[i]!;
    const n = this.size;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.less(h[c + 1]!, h[c]!)) c++;
      const cv = h[c]!;
      if (!this.less(cv, v)) break;
      h[i] = cv;
      this.pos[cv] = i;
      i = c;
    }
    h[i] = v;
    this.pos[v] = i;
  }
}
