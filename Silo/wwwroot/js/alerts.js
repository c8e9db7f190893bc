// The alerts currently firing: the latest event of each alerts/{host}/{container}/{rule} topic, read from
// the start of the alert topics' retention, so the list is right as soon as the page opens.
import { stream } from './api.js';

export class AlertList {
  constructor(list, count, onChange) {
    this.list = list;
    this.count = count;
    this.onChange = onChange;
    this.latest = new Map();
  }

  start() {
    this.stop?.();
    this.stop = stream(['alerts/#'], 'earliest', {
      onMessage: message => this.accept(message),
      onError: () => setTimeout(() => this.start(), 5000), // the silo restarted: look again shortly
    });
  }

  accept(message) {
    let alert;
    try { alert = JSON.parse(message.payload); } catch { return; }
    if (alert === null || typeof alert !== 'object') return;
    this.latest.set(message.topic, { ...alert, topic: message.topic });
    this.render();
  }

  render() {
    const firing = [...this.latest.values()].filter(a => a.firing === true).sort((a, b) => a.topic.localeCompare(b.topic));
    this.count.textContent = String(firing.length);
    this.count.classList.toggle('hot', firing.length > 0);
    if (firing.length === 0) {
      const none = document.createElement('li');
      none.className = 'muted';
      none.textContent = 'No alerts firing.';
      this.list.replaceChildren(none);
    } else {
      this.list.replaceChildren(...firing.map(a => {
        const li = document.createElement('li');
        li.textContent = a.message ?? `${a.rule} on ${a.host}/${a.container}`;
        li.title = `${a.topic} since ${a.at ?? '?'}`;
        return li;
      }));
    }
    this.onChange?.(new Set(firing.map(a => `${a.host}/${a.container}`)));
  }
}
