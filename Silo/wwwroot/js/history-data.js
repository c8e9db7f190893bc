// The history view's data: metric and alert topics matching a filter, read by time from the retained log
// (GET api/messages?time=..., then page on by offset), turned into chart series and alert marks.
import { listTopicsMatching, readPartitionFrom } from './api.js';

const PageSize = 1000;
const MaxPages = 100;           // per partition: 100,000 readings, a day of 1-second samples
const MaxPointsPerSeries = 1500; // more than a chart's width in pixels: averaged in buckets beyond that

/** What each chart draws: the metrics it takes, and whether they are cumulative counters shown as a rate. */
export const Charts = [
  { id: 'cpu', title: 'CPU', unit: '%', metrics: ['cpu'] },
  { id: 'memory', title: 'Memory', unit: '%', metrics: ['memory.percent'], fallback: { metrics: ['memory'], unit: 'bytes' } },
  { id: 'network', title: 'Network', unit: 'bytes/s', metrics: ['net.rx', 'net.tx'], rate: true },
  { id: 'blkio', title: 'Block I/O', unit: 'bytes/s', metrics: ['blkio.read', 'blkio.write'], rate: true },
];

/** The alerts filter of a metric filter: metrics/docker/{host}/{container}/# → alerts/{host}/{container}/#. */
export function alertFilterFor(filter) {
  const levels = filter.split('/');
  const host = levels[2] && levels[2] !== '#' ? levels[2] : '+';
  const container = levels[3] && levels[3] !== '#' ? levels[3] : '+';
  return `alerts/${host}/${container}/#`;
}

/** Readings of every metric topic matching `filter` within [from, to], by topic. */
export async function readMetrics(filter, from, to) {
  const { topics } = await listTopicsMatching(filter);
  const wanted = new Set(Charts.flatMap(c => [...c.metrics, ...(c.fallback?.metrics ?? [])]));
  const metricTopics = topics.filter(t => isContainerMetric(t.name) && wanted.has(t.name.split('/')[4]));
  const read = await Promise.all(metricTopics.map(async t => [t.name, await readTopic(t, from, to, reading)]));
  return new Map(read);
}

/** Alert firings and clearings of the containers `filter` covers, within [from, to], oldest first. */
export async function readAlerts(filter, from, to) {
  const { topics } = await listTopicsMatching(alertFilterFor(filter));
  const read = await Promise.all(topics.map(t => readTopic(t, from, to, alertMark)));
  return read.flat().sort((a, b) => a.t - b.t);
}

/** A container metric topic: metrics/docker/{host}/{container}/{metric}. */
export function isContainerMetric(topic) {
  const levels = topic.split('/');
  return levels.length === 5 && levels[0] === 'metrics' && levels[1] === 'docker';
}

/** A reading's time and value: the sample time the agent wrote (`ts`), else the broker's append time. */
export function reading(message) {
  const payload = parse(message.payload);
  if (typeof payload?.value !== 'number') return null;
  const ts = Date.parse(payload.ts);
  return { t: Number.isNaN(ts) ? Date.parse(message.timestamp) : ts, v: payload.value };
}

/** An alert event as a mark on the time axis. */
export function alertMark(message) {
  const alert = parse(message.payload);
  if (!alert || typeof alert.firing !== 'boolean') return null;
  const at = Date.parse(alert.at);
  return {
    t: Number.isNaN(at) ? Date.parse(message.timestamp) : at, firing: alert.firing, rule: alert.rule,
    container: `${alert.host}/${alert.container}`, text: alert.message ?? `${alert.firing ? 'FIRING' : 'cleared'} ${alert.rule}`,
  };
}

/** The series of one chart: one per container and metric, rates for counters, thinned to the chart's resolution. */
export function seriesFor(chart, readingsByTopic) {
  let spec = chart;
  const has = metrics => [...readingsByTopic.keys()].some(topic => metrics.includes(topic.split('/')[4]));
  if (!has(chart.metrics) && chart.fallback && has(chart.fallback.metrics)) spec = { ...chart, ...chart.fallback };
  const series = [];
  for (const [topic, points] of readingsByTopic) {
    const [, , host, container, metric] = topic.split('/');
    if (!spec.metrics.includes(metric) || points.length === 0) continue;
    const sorted = [...points].sort((a, b) => a.t - b.t);
    const values = spec.rate ? rates(sorted) : sorted;
    series.push({ name: `${host}/${container} ${metric}`, container: `${host}/${container}`, metric, points: thin(values) });
  }
  return { unit: spec.unit, series: series.sort((a, b) => a.name.localeCompare(b.name)) };
}

/** Per-second increases of a cumulative counter; a decrease (the container restarted) starts afresh. */
export function rates(points) {
  const out = [];
  for (let i = 1; i < points.length; i++) {
    const dt = (points[i].t - points[i - 1].t) / 1000;
    const dv = points[i].v - points[i - 1].v;
    if (dt > 0 && dv >= 0) out.push({ t: points[i].t, v: dv / dt });
  }
  return out;
}

/** At most MaxPointsPerSeries points: consecutive points averaged in equal buckets. */
export function thin(points, max = MaxPointsPerSeries) {
  if (points.length <= max) return points;
  const size = points.length / max;
  const out = [];
  for (let b = 0; b < max; b++) {
    const bucket = points.slice(Math.floor(b * size), Math.floor((b + 1) * size));
    if (bucket.length === 0) continue;
    out.push({ t: bucket[bucket.length - 1].t, v: bucket.reduce((s, p) => s + p.v, 0) / bucket.length });
  }
  return out;
}

async function readTopic(topic, from, to, convert) {
  const partitions = Array.from({ length: topic.partitions ?? 1 }, (_, i) => i);
  const read = await Promise.all(partitions.map(p => readPartition(topic.name, p, from, to, convert)));
  return read.flat();
}

/** From the first message at or after `from` (broker time), page by page, until past `to` or the log end. */
async function readPartition(topic, partition, from, to, convert) {
  const out = [];
  let position = { time: from };
  for (let page = 0; page < MaxPages; page++) {
    const { messages, nextOffset, endOffset } = await readPartitionFrom(topic, partition, position, PageSize);
    for (const message of messages) {
      if (Date.parse(message.timestamp) > to.getTime()) return out;
      const item = convert(message);
      if (item && item.t >= from.getTime() && item.t <= to.getTime()) out.push(item);
    }
    if (messages.length === 0 || nextOffset >= endOffset) return out;
    position = { offset: nextOffset };
  }
  return out;
}

function parse(text) {
  try { return JSON.parse(text); } catch { return null; }
}
