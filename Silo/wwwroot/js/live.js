// The live view: a filter's messages as they arrive, container metrics as charts, the newest messages as a list.
import { stream, payloadText } from './api.js';

const KeptMessages = 50;

export class LiveView {
  constructor({ form, filter, from, stop, status, messages, board }) {
    Object.assign(this, { form, filter, from, stopButton: stop, status, messages, board });
    this.seen = 0;
    form.addEventListener('submit', event => { event.preventDefault(); this.start(); });
    stop.addEventListener('click', () => this.stop());
  }

  start() {
    this.stop();
    const filter = this.filter.value.trim();
    if (!filter) return;
    this.board.clear();
    this.messages.replaceChildren();
    this.seen = 0;
    this.setStatus(`Connecting to ${filter}…`);
    this.stopButton.disabled = false;
    this.cancel = stream([filter], this.from.value, {
      onOpen: () => this.setStatus(`Watching ${filter} (${this.from.value}).`),
      onMessage: message => this.accept(message),
      onError: error => { this.setStatus(`Stopped: ${error.message}`, true); this.stopButton.disabled = true; },
    });
  }

  stop() {
    if (!this.cancel) return;
    this.cancel();
    this.cancel = null;
    this.stopButton.disabled = true;
    this.setStatus(`Stopped after ${this.seen} message(s).`);
  }

  accept(message) {
    this.seen++;
    this.board.accept(message);
    const li = document.createElement('li');
    li.dataset.topic = message.topic;
    const where = document.createElement('span');
    where.className = 'where';
    where.textContent = `${message.topic} [${message.partition}] @${message.offset}`;
    const payload = document.createElement('span');
    payload.className = 'payload';
    payload.textContent = (message.key === null ? '' : `${message.key} → `) + payloadText(message);
    li.append(where, payload);
    this.messages.prepend(li);
    while (this.messages.children.length > KeptMessages) this.messages.lastElementChild.remove();
    this.status.textContent = this.status.textContent.replace(/( — \d+ message\(s\))?$/, ` — ${this.seen} message(s)`);
  }

  setStatus(text, error = false) {
    this.status.textContent = text;
    this.status.classList.toggle('error', error);
  }
}
