// The history view: a container (or a filter) and a window, drawn from the retained log read by time, with the
// alert firings and clearings marked; for a window ending now, the stream then continues the charts live.
import { stream } from './api.js';
import { Charts, readMetrics, readAlerts, seriesFor, reading, alertMark, alertFilterFor, isContainerMetric } from './history-data.js';
import { renderChart } from './history-chart.js';

const Windows = { '15m': 15 * 60_000, '1h': 3_600_000, '6h': 6 * 3_600_000, '24h': 24 * 3_600_000 };
const RedrawEvery = 1000;

export class HistoryView {
  constructor({ form, container, filter, window, from, to, status, charts }) {
    Object.assign(this, { form, container, filter, window, from, to, status, charts });
    this.readings = new Map();
    this.marks = [];
    this.stopLive = null;
    this.redraw = null;
    form.addEventListener('submit', event => { event.preventDefault(); this.show(); });
    window.addEventListener('change', () => this.showCustomInputs());
    container.addEventListener('change', () => { if (container.value) filter.value = `metrics/docker/${container.value}/#`; });
    this.showCustomInputs();
  }

  /** Offers the containers that have metric topics (host/container), keeping the current choice. */
  setContainers(topicNames) {
    const containers = [...new Set(topicNames.filter(isContainerMetric).map(t => t.split('/').slice(2, 4).join('/')))].sort();
    const chosen = this.container.value;
    const options = containers.map(c => new Option(c, c, false, c === chosen));
    this.container.replaceChildren(new Option('pick a container', ''), ...options);
  }

  showCustomInputs() {
    const custom = this.window.value === 'custom';
    this.from.hidden = !custom;
    this.to.hidden = !custom;
  }

  /** The window asked for: [from, to] and whether it ends now (then it moves on with the live data). */
  range() {
    if (this.window.value !== 'custom') {
      const to = new Date();
      return { from: new Date(to.getTime() - Windows[this.window.value]), to, live: true };
    }
    // datetime-local values carry no zone: they are read as UTC, like every time the console shows.
    const from = new Date(`${this.from.value}Z`), to = new Date(`${this.to.value}Z`);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) throw new Error('a custom window needs a start before its end');
    return { from, to, live: false };
  }

  async show() {
    this.stopLive?.();
    this.stopLive = null;
    const filter = this.filter.value.trim();
    let range;
    try {
      if (!filter) throw new Error('pick a container or type a filter of metric topics');
      range = this.range();
    } catch (error) {
      return this.report(error.message, true);
    }
    this.report(`Reading ${filter}…`);
    try {
      const [readings, marks] = await Promise.all([readMetrics(filter, range.from, range.to), readAlerts(filter, range.from, range.to)]);
      Object.assign(this, { readings, marks, shown: { filter, ...range, span: range.to - range.from } });
    } catch (error) {
      return this.report(`Cannot read ${filter}: ${error.message}`, true);
    }
    this.render();
    const count = [...this.readings.values()].reduce((n, points) => n + points.length, 0);
    const summary = `${filter}: ${count} reading(s) in ${this.readings.size} topic(s), ${this.marks.length} alert event(s), ` +
      `${range.from.toISOString().slice(0, 19)}Z – ${range.live ? 'now' : range.to.toISOString().slice(0, 19) + 'Z'}`;
    this.report(summary);
    if (range.live) this.follow(filter, range.to, summary);
  }

  /** Continues the charts with what arrives after `since`. */
  follow(filter, since, summary) {
    this.stopLive = stream([filter, alertFilterFor(filter)], since.toISOString(), {
      onOpen: () => this.report(`${summary} · live`),
      onMessage: message => this.accept(message),
      onError: error => this.report(`${summary} · live view stopped: ${error.message}`, true),
    });
  }

  accept(message) {
    if (isContainerMetric(message.topic)) {
      const point = reading(message);
      if (!point) return;
      if (!this.readings.has(message.topic)) this.readings.set(message.topic, []);
      this.readings.get(message.topic).push(point);
    } else if (message.topic.startsWith('alerts/')) {
      const mark = alertMark(message);
      if (mark) this.marks.push(mark);
    }
    this.redraw ??= setTimeout(() => { this.redraw = null; this.render(); }, RedrawEvery);
  }

  render() {
    const { live, span } = this.shown;
    const to = live ? new Date() : this.shown.to;
    const from = live ? new Date(to.getTime() - span) : this.shown.from;
    for (const chart of Charts) {
      let figure = this.charts.querySelector(`figure[data-chart="${chart.id}"]`);
      if (!figure) {
        figure = Object.assign(document.createElement('figure'), { className: 'history-chart' });
        figure.dataset.chart = chart.id;
        this.charts.append(figure);
      }
      renderChart(figure, { title: chart.title, ...seriesFor(chart, this.readings), marks: this.marks, from, to });
    }
  }

  report(text, error = false) {
    this.status.textContent = text;
    this.status.classList.toggle('error', error);
  }
}
