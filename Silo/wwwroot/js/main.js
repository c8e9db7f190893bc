// Wires the console's panels together.
import { listTopics, onUnauthorized, setKey } from './api.js';
import { renderTree } from './tree.js';
import { ContainerBoard } from './containers.js';
import { AlertList } from './alerts.js';
import { LiveView } from './live.js';
import { PartitionBrowser } from './browser.js';
import { wireProduceForm } from './produce.js';
import { HistoryView } from './history.js';

const $ = id => document.getElementById(id);
const TreeRefresh = 10_000;

const browser = new PartitionBrowser({
  form: $('browse-form'), topic: $('browse-topic'), partition: $('browse-partition'), offset: $('browse-offset'),
  limit: $('browse-limit'), prev: $('browse-prev'), next: $('browse-next'), status: $('browse-status'), table: $('browse-table'),
});

const board = new ContainerBoard($('containers'));
new AlertList($('alerts'), $('alerts-count'), keys => board.markAlerting(keys)).start();

const live = new LiveView({
  form: $('live-form'), filter: $('live-filter'), from: $('live-from'), stop: $('live-stop'),
  status: $('live-status'), messages: $('live-messages'), board,
});

const history = new HistoryView({
  form: $('history-form'), container: $('history-container'), filter: $('history-filter'), window: $('history-window'),
  from: $('history-from'), to: $('history-to'), status: $('history-status'), charts: $('history-charts'),
});

async function refreshTopics() {
  try {
    const { topics } = await listTopics();
    renderTree($('topic-tree'), topics, topic => browser.pick(topic));
    history.setContainers(topics.map(t => t.name));
    const messages = topics.reduce((sum, t) => sum + (t.messages ?? 0), 0);
    $('topics-summary').textContent = `${topics.length} topic(s), ${messages.toLocaleString('en')} message(s) kept.`;
    $('topics-summary').classList.remove('error');
  } catch (error) {
    $('topics-summary').textContent = `Cannot list topics: ${error.message}`;
    $('topics-summary').classList.add('error');
  }
}

wireProduceForm({
  form: $('produce-form'), topic: $('produce-topic'), key: $('produce-key'), payload: $('produce-payload'), result: $('produce-result'),
  onStored: stored => {
    refreshTopics();
    // Show the new message in its page: the browser jumps to a page ending with it.
    const limit = Number($('browse-limit').value) || 50;
    browser.open(stored.topic, stored.partition, Math.max(0, stored.offset - limit + 1));
  },
});

// A broker with principals answers 401 until the console has a key: ask for one, then start over with it.
onUnauthorized(() => { $('key-form').hidden = false; });
$('key-form').addEventListener('submit', event => {
  event.preventDefault();
  setKey($('key-input').value.trim());
  location.reload();
});

$('topics-refresh').addEventListener('click', refreshTopics);
refreshTopics();
setInterval(refreshTopics, TreeRefresh);
live.start();
