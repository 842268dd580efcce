/**
 * Reference models of the multi-queue policies (arc, s3fifo, sieve, clock, twoq), written straight
 * from libCacheSim's eviction/*.c with plain arrays (index 0 = oldest) and linear scans. Slow on
 * purpose; conformance.ts compares the real policies with them request by request.
 */
type Q = Array<{ key: number; size: number; f: number }>;

const total = (q: Q) => q.reduce((s, e) => s + e.size, 0);
const find = (q: Q, key: number) => q.findIndex((e) => e.key === key);
/** Appends to a size-bounded FIFO, dropping its oldest to fit; too large: not kept. */
function pushBounded(q: Q, e: Q[number], bound: number): void {
  if (e.size > bound) return;
  while (total(q) + e.size > bound) q.shift();
  q.push(e);
}

export interface QueueModel {
  cached(): number[];
  /** A hit; false if key is not cached. */
  hit(key: number): boolean;
  /** A miss of an object that fits the capacity: does what the policy does; false if not admitted. */
  miss(key: number, size: number): boolean;
}

function clockModel(capacity: number, sieve: boolean): QueueModel {
  const q: Q = [];
  let hand = -1; // sieve: index of the hand in q, -1 = oldest
  const evict = () => {
    if (!sieve) {
      while (q[0].f === 1) q.push({ ...q.shift()!, f: 0 });
      q.shift();
      return;
    }
    let i = hand === -1 ? 0 : hand;
    while (q[i].f === 1) (q[i].f = 0), (i = (i + 1) % q.length);
    q.splice(i, 1);
    hand = i < q.length ? i : -1;
  };
  return {
    cached: () => q.map((e) => e.key),
    hit(key) {
      const i = find(q, key);
      if (i >= 0) q[i].f = 1;
      return i >= 0;
    },
    miss(key, size) {
      while (total(q) + size > capacity) evict();
      q.push({ key, size, f: 0 });
      return true;
    },
  };
}

function arcModel(c: number): QueueModel {
  const t1: Q = [], t2: Q = [], b1: Q = [], b2: Q = [];
  let p = 0;
  return {
    cached: () => [...t1, ...t2].map((e) => e.key),
    hit(key) {
      let i = find(t1, key);
      if (i >= 0) return t2.push(t1.splice(i, 1)[0]), true;
      i = find(t2, key);
      if (i >= 0) return t2.push(t2.splice(i, 1)[0]), true;
      return false;
    },
    miss(key, size) {
      const i1 = find(b1, key), i2 = find(b2, key);
      const ghost = i1 >= 0 ? 1 : i2 >= 0 ? 2 : 0;
      if (ghost === 1) (p = Math.min(p + Math.max(total(b2) / total(b1), 1), c)), b1.splice(i1, 1);
      if (ghost === 2) (p = Math.max(p - Math.max(total(b1) / total(b2), 1), 0)), b2.splice(i2, 1);
      const replace = () => {
        const s1 = total(t1);
        if ((s1 > 0 && (s1 > p || (s1 === p && ghost === 2))) || total(t2) === 0) b1.push(t1.shift()!);
        else b2.push(t2.shift()!);
      };
      while (total(t1) + total(t2) + size > c) {
        if (ghost) replace();
        else if (total(t1) + total(b1) + size > c) {
          if (b1.length) b1.shift(), replace();
          else t1.shift();
        } else {
          if (total(t1) + total(b1) + total(t2) + total(b2) >= 2 * c && b2.length) b2.shift();
          replace();
        }
      }
      (ghost ? t2 : t1).push({ key, size, f: 0 });
      return true;
    },
  };
}

function s3fifoModel(c: number): QueueModel {
  const small: Q = [], main: Q = [], ghost: Q = [];
  const smallCap = Math.max(1, Math.trunc(c * 0.1)), mainCap = c - smallCap, ghostCap = Math.trunc(c * 0.9);
  const evictMain = () => {
    for (;;) {
      const e = main.shift()!;
      if (e.f === 0) return;
      main.push({ ...e, f: Math.min(e.f, 3) - 1 });
    }
  };
  const evict = () => {
    if (total(main) > mainCap || small.length === 0) return evictMain();
    while (small.length) {
      const e = small.shift()!;
      if (e.f >= 2) main.push({ ...e, f: 0 });
      else return pushBounded(ghost, e, ghostCap);
    }
    evictMain();
  };
  return {
    cached: () => [...small, ...main].map((e) => e.key),
    hit(key) {
      const e = small.find((x) => x.key === key) ?? main.find((x) => x.key === key);
      if (e) e.f++;
      return e !== undefined;
    },
    miss(key, size) {
      const g = find(ghost, key);
      if (g >= 0) ghost.splice(g, 1);
      if (size > smallCap) return false;
      while (total(small) + total(main) + size > c) evict();
      (g >= 0 ? main : small).push({ key, size, f: 0 });
      return true;
    },
  };
}

function twoqModel(c: number): QueueModel {
  const ain: Q = [], am: Q = [], aout: Q = [];
  const inCap = Math.trunc(c * 0.25), mainCap = c - inCap, outCap = Math.trunc(c * 0.5);
  return {
    cached: () => [...ain, ...am].map((e) => e.key),
    hit(key) {
      if (find(ain, key) >= 0) return true;
      const i = find(am, key);
      if (i >= 0) am.push(am.splice(i, 1)[0]);
      return i >= 0;
    },
    miss(key, size) {
      const g = find(aout, key);
      if (g >= 0) aout.splice(g, 1);
      if (size > inCap) return false;
      while (total(ain) + total(am) + size > c) {
        if (total(ain) > inCap || am.length === 0) pushBounded(aout, ain.shift()!, outCap);
        else am.shift();
      }
      if (g >= 0) while (total(am) + size > mainCap) am.shift();
      (g >= 0 ? am : ain).push({ key, size, f: 0 });
      return true;
    },
  };
}

export const queueModels: Record<string, (capacity: number) => QueueModel> = {
  clock: (c) => clockModel(c, false),
  sieve: (c) => clockModel(c, true),
  arc: arcModel,
  s3fifo: s3fifoModel,
  twoq: twoqModel,
};
