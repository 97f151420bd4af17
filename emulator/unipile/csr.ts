/** Compressed sparse rows: message indexes grouped by chat, account or sender, each group ascending. */

export interface Csr {
  offsets: Int32Array;
  items: Int32Array;
}

/** A sorted run of message indexes: a CSR group (Int32Array) or a runtime side array. */
export type Seq = ArrayLike<number>;

const EMPTY = new Int32Array(0);

export function csrGroup(csr: Csr, group: number): Int32Array {
  if (group + 1 >= csr.offsets.length) return EMPTY;
  return csr.items.subarray(csr.offsets[group]!, csr.offsets[group + 1]!);
}

/** Group `count` items by `groupOf[i]` (counting sort: O(count), items stay ascending within a group). */
export function buildCsr(groups: number, groupOf: Int32Array): Csr {
  const count = groupOf.length;
  const offsets = new Int32Array(groups + 1);
  for (let i = 0; i < count; i++) {
    const g = groupOf[i]! + 1;
    offsets[g] = offsets[g]! + 1;
  }
  for (let g = 0; g < groups; g++) offsets[g + 1] = offsets[g + 1]! + offsets[g]!;
  const cursor = offsets.slice(0, groups);
  const items = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const g = groupOf[i]!;
    items[cursor[g]!] = i;
    cursor[g] = cursor[g]! + 1;
  }
  return { offsets, items };
}
