// The partition browser: one partition's messages from an offset, a page at a time.
import { describeTopic, readPartition, payloadText } from './api.js';

export class PartitionBrowser {
  constructor({ form, topic, partition, offset, limit, prev, next, status, table }) {
    Object.assign(this, { form, topic, partition, offset, limit, prev, next, status, body: table.tBodies[0] });
    form.addEventListener('submit', event => { event.preventDefault(); this.load(); });
    prev.addEventListener('click', () => this.page(-1));
    next.addEventListener('click', () => this.page(+1));
  }

  /** Shows `topic` from its first partition that holds messages (partition 0 when none does). */
  async pick(topic) {
    try {
      const described = await describeTopic(topic);
      const partition = described.partitions.find(p => p.messages > 0)?.partition ?? 0;
      return this.open(topic, partition);
    } catch (error) {
      this.setStatus(error.message, true);
    }
  }

  /** Shows `topic` partition `partition` from `offset` (null: from the oldest message kept). */
  open(topic, partition = 0, offset = null) {
    this.topic.value = topic;
    this.partition.value = String(partition);
    this.offset.value = offset === null ? '' : String(offset);
    return this.load();
  }

  async load() {
    const topic = this.topic.value.trim();
    if (!topic) return;
    const limit = Number(this.limit.value) || 50;
    const offset = this.offset.value === '' ? null : Number(this.offset.value);
    try {
      const page = await readPartition(topic, Number(this.partition.value) || 0, offset, limit);
      this.last = page;
      this.render(page);
      const shown = page.messages.length ? `offsets ${page.messages[0].offset}–${page.messages.at(-1).offset}` : 'no messages';
      this.setStatus(`${topic} [${page.partition}]: ${shown}; the log holds ${page.startOffset}–${page.endOffset - 1} (${page.endOffset - page.startOffset} kept).`);
      this.prev.disabled = (page.messages[0]?.offset ?? page.nextOffset) <= page.startOffset;
      this.next.disabled = page.nextOffset >= page.endOffset;
    } catch (error) {
      // Retention moved the log start past the asked offset: show what is kept instead.
      if (error.status === 416 && offset !== null && offset < error.problem?.startOffset) {
        this.offset.value = String(error.problem.startOffset);
        return this.load();
      }
      this.body.replaceChildren();
      this.setStatus(error.message, true);
      this.prev.disabled = this.next.disabled = true;
    }
  }

  page(direction) {
    if (!this.last) return;
    const limit = Number(this.limit.value) || 50;
    const first = this.last.messages[0]?.offset ?? this.last.nextOffset;
    const offset = direction > 0 ? this.last.nextOffset : Math.max(this.last.startOffset, first - limit);
    this.offset.value = String(offset);
    this.load();
  }

  render(page) {
    this.body.replaceChildren(...page.messages.map(m => {
      const tr = document.createElement('tr');
      tr.dataset.offset = String(m.offset);
      const headers = (m.headers ?? []).map(h => `${h.name}=${h.value}`).join(', ');
      for (const [text, cls] of [[m.offset, 'num'], [m.timestamp.replace('T', ' ').replace(/\.\d+Z$/, ''), 'num'],
        [m.key === null ? '' : (m.keyEncoding ? `base64:${m.key}` : m.key), ''], [payloadText(m), 'payload'], [headers, '']]) {
        const td = document.createElement('td');
        if (cls) td.className = cls;
        td.textContent = String(text);
        tr.append(td);
      }
      return tr;
    }));
  }

  setStatus(text, error = false) {
    this.status.textContent = text;
    this.status.classList.toggle('error', error);
  }
}
