// The produce form: one message, text payload, optional key; says where it was stored.
import { produce } from './api.js';

export function wireProduceForm({ form, topic, key, payload, result, onStored }) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const message = { topic: topic.value.trim(), payload: payload.value };
    if (key.value !== '') message.key = key.value;
    result.className = 'result';
    result.textContent = 'Sending…';
    try {
      const stored = (await produce(message)).results[0];
      result.className = 'result ok';
      result.textContent = `Stored in ${stored.topic} partition ${stored.partition} at offset ${stored.offset}.`;
      const browse = document.createElement('a');
      browse.href = '#browse-panel';
      browse.textContent = 'Browse';
      browse.addEventListener('click', () => onStored(stored));
      result.append(browse);
      onStored(stored);
    } catch (error) {
      result.className = 'result error';
      result.textContent = error.message;
    }
  });
}
