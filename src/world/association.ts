/**
 * Which edge server serves each device, over time (several edges, issue 22): without a file, device d
 * is served by edge d mod edges for the whole run; an association file (CSV `t,device,edge`) moves a
 * device to `edge` from time `t` on (a handover), rows of a device in time order. Before its first row
 * a device is served by its static edge. A frame is served by the edge its device is associated with
 * when its upload ends (strategies/remote.ts): a handover does not move frames already uploaded.
 */
import { lineError } from '../errors.js';
import { columnIndex, intField, numberField, readCsv } from '../models/read-table.js';

/** Per device, the times (ascending) from which it is served by the edges alongside. */
export interface Handovers {
  times: Float64Array;
  edges: Int32Array;
}

export function readAssociation(path: string, devices: number, edges: number): Handovers[] {
  const table = readCsv(path);
  const [t, device, edge] = ['t', 'device', 'edge'].map((c) => columnIndex(table, c));
  const rows: Array<Array<[number, number]>> = Array.from({ length: devices }, () => []);
  for (let r = 0; r < table.records.length; r++) {
    const at = numberField(table, r, t);
    const d = intField(table, r, device, 0, devices - 1);
    const e = intField(table, r, edge, 0, edges - 1);
    const prev = rows[d].at(-1);
    if (at < 0) throw lineError(path, table.lines[r], `expected t >= 0, got ${at}`);
    if (prev && at < prev[0]) throw lineError(path, table.lines[r], `device ${d}'s rows are not in time order (${at} s after ${prev[0]} s)`);
    rows[d].push([at, e]);
  }
  return rows.map((list) => ({ times: Float64Array.from(list, (x) => x[0]), edges: Int32Array.from(list, (x) => x[1]) }));
}

export class Association {
  /** Per device, the index of its current row (-1: before its first). */
  private readonly at: Int32Array;

  constructor(
    private readonly edges: number,
    private readonly handovers: Handovers[] | null,
    devices: number,
  ) {
    this.at = new Int32Array(devices).fill(-1);
  }

  /** The edge serving device d at time `now` (times asked never decrease, as the engine's clock). */
  edgeOf(d: number, now: number): number {
    const h = this.handovers?.[d];
    if (!h) return d % this.edges;
    let i = this.at[d];
    while (i + 1 < h.times.length && h.times[i + 1] <= now) i++;
    this.at[d] = i;
    return i < 0 ? d % this.edges : h.edges[i];
  }
}
