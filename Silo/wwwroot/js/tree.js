// The topic tree: topic names split on '/', each level with the messages kept below it.

/** Renders `topics` ([{name, messages}]) into `root`; clicking a topic calls onPick(name). */
export function renderTree(root, topics, onPick) {
  const tree = { children: new Map(), messages: 0 };
  for (const topic of topics) {
    let node = tree;
    node.messages += topic.messages ?? 0;
    for (const level of topic.name.split('/')) {
      if (!node.children.has(level)) node.children.set(level, { children: new Map(), messages: 0 });
      node = node.children.get(level);
      node.messages += topic.messages ?? 0;
    }
    node.topic = topic;
  }
  root.replaceChildren(list(tree, onPick));
}

function list(node, onPick) {
  const ul = document.createElement('ul');
  const levels = [...node.children.keys()].sort((a, b) => a.localeCompare(b));
  for (const level of levels) {
    const child = node.children.get(level);
    const li = document.createElement('li');
    li.setAttribute('role', 'treeitem');
    const row = document.createElement('div');
    row.className = 'node';
    if (child.topic) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'topic';
      button.dataset.topic = child.topic.name;
      button.textContent = level === '' ? '(empty level)' : level;
      button.title = `${child.topic.name}: ${child.topic.partitions} partition(s), retention ${child.topic.retention}`;
      button.addEventListener('click', () => onPick(child.topic.name));
      row.append(button);
    } else {
      const span = document.createElement('span');
      span.className = 'level';
      span.textContent = (level === '' ? '(empty level)' : level) + '/';
      row.append(span);
    }
    const count = document.createElement('span');
    count.className = 'count';
    count.textContent = child.messages.toLocaleString('en');
    row.append(count);
    li.append(row);
    if (child.children.size > 0) li.append(list(child, onPick));
    ul.append(li);
  }
  return ul;
}
