// Per-container cards fed by metric messages: metrics/docker/{host}/{container}/{metric} with a
// MetricReading payload ({"value","unit","ts","state"}). CPU and memory get a chart; the rest a line of text.
import { Sparkline } from './charts.js';

const css = getComputedStyle(document.documentElement);

export class ContainerBoard {
  constructor(root) {
    this.root = root;
    this.cards = new Map();
  }

  clear() {
    this.cards.clear();
    this.root.replaceChildren();
  }

  /** Takes a message; returns false when it is not a container metric. */
  accept(message) {
    const levels = message.topic.split('/');
    if (levels.length !== 5 || levels[0] !== 'metrics' || levels[1] !== 'docker') return false;
    const [, , host, container, metric] = levels;
    let reading;
    try { reading = JSON.parse(message.payload); } catch { return false; }
    if (reading === null || typeof reading !== 'object') return false;
    const card = this.card(host, container);
    if (metric === 'cpu' && typeof reading.value === 'number') {
      card.cpu.push(reading.value);
      card.cpuText.textContent = `${reading.value.toFixed(1)} ${reading.unit ?? '%'}`;
    } else if (metric === 'memory.percent' && typeof reading.value === 'number') {
      card.memory.push(reading.value);
      card.memoryText.textContent = `${reading.value.toFixed(1)} %` + (card.memoryBytes ? ` · ${card.memoryBytes}` : '');
    } else if (metric === 'memory' && typeof reading.value === 'number') {
      card.memoryBytes = `${(reading.value / 1048576).toFixed(0)} MiB`;
      if (card.memory.values.length === 0) card.memoryText.textContent = card.memoryBytes;
    } else if (metric === 'status' && reading.state) {
      card.state.textContent = reading.state + (reading.health ? ` · ${reading.health}` : '');
    }
    return true;
  }

  /** Marks the cards of containers with a firing alert. */
  markAlerting(keys) {
    for (const [key, card] of this.cards) card.element.classList.toggle('alerting', keys.has(key));
  }

  card(host, container) {
    const key = `${host}/${container}`;
    let card = this.cards.get(key);
    if (card) return card;
    const element = document.createElement('article');
    element.className = 'card';
    element.dataset.container = key;
    const title = document.createElement('h4');
    title.textContent = container + ' ';
    const where = document.createElement('small');
    where.textContent = `on ${host}`;
    const state = document.createElement('small');
    title.append(where, ' ', state);
    const [cpuRow, cpuText, cpuCanvas] = row('CPU');
    const [memoryRow, memoryText, memoryCanvas] = row('Memory');
    element.append(title, cpuRow, cpuCanvas, memoryRow, memoryCanvas);
    // Cards stay in name order, so they do not jump around as messages arrive.
    const after = [...this.cards.keys()].sort().find(k => k > key);
    this.root.insertBefore(element, after ? this.cards.get(after).element : null);
    card = {
      element, state, cpuText, memoryText, memoryBytes: null,
      cpu: new Sparkline(cpuCanvas, css.getPropertyValue('--cpu').trim() || '#2f6fdb'),
      memory: new Sparkline(memoryCanvas, css.getPropertyValue('--mem').trim() || '#8a4fd8'),
    };
    this.cards.set(key, card);
    return card;
  }
}

function row(label) {
  const line = document.createElement('div');
  line.className = 'metric';
  const name = document.createElement('span');
  name.textContent = label;
  const value = document.createElement('b');
  value.textContent = '–';
  line.append(name, value);
  const canvas = document.createElement('canvas');
  canvas.setAttribute('aria-label', `${label} chart`);
  return [line, value, canvas];
}
