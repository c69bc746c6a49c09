// Reviewer page: the adjudication queue. Each disputed item shows the conversation, the responses in
// canonical order (numbered, models hidden) and every annotator's answer with an "Accept" button.
(() => {
  const { api, el, say } = rlhf;
  const project = () => document.getElementById('project-select').value;
  let first = null;

  function disputeCard(d, n) {
    const note = el('input', { type: 'text', id: 'note-' + n, maxlength: '2000', placeholder: 'why (optional)' });
    const accept = (a) => async () => {
      try {
        await api('POST', '/api/projects/' + encodeURIComponent(project()) + '/disputes/' + encodeURIComponent(d.item_id),
          { accept_task_id: a.task_id, note: note.value || null });
        await refresh();  // re-render first: the status line is the signal that the page is up to date
        say('status', 'Accepted the answer of ' + a.username + '.', 'ok');
      } catch (e) { say('status', e.message, 'error'); }
    };
    if (n === 0) first = d.answers.map(accept);
    return el('section', { class: 'card dispute', id: 'dispute-' + n, 'aria-label': 'Disputed item ' + (n + 1) },
      el('h2', {}, 'Disputed ' + d.task_type.toLowerCase().replace('_', '-') + ' item ', el('span', { class: 'muted' }, '(' + d.domain + ')')),
      ...d.conversation.map((t) => el('div', { class: 'turn ' + t.role.toLowerCase() }, el('strong', {}, t.role.toLowerCase() + ': '), t.content)),
      d.candidates.length ? el('div', { class: 'responses' }, d.candidates.map((text, i) =>
        el('article', { class: 'response' }, el('div', { class: 'label' }, 'Response ' + (i + 1)), el('div', { class: 'text' }, text)))) : null,
      el('h3', {}, 'Answers'),
      el('ul', { class: 'answers' }, d.answers.map((a, i) => el('li', {},
        el('span', {}, el('strong', {}, a.username + ': '), a.summary),
        el('button', { type: 'button', class: 'secondary', id: 'accept-' + n + '-' + i, onclick: accept(a) },
          'Accept', n === 0 && i < 9 ? el('kbd', {}, String(i + 1)) : null)))),
      el('label', { for: 'note-' + n }, 'Note'), note);
  }

  async function refresh() {
    if (!project()) return;
    const disputes = await api('GET', '/api/projects/' + encodeURIComponent(project()) + '/disputes');
    first = null;
    document.getElementById('disputes').replaceChildren(...(disputes.length ? disputes.map(disputeCard)
      : [el('section', { class: 'card' }, el('p', { class: 'status ok', id: 'queue-empty' }, 'No disputed items waiting. All clear.'))]));
  }

  document.addEventListener('keydown', (e) => {
    if (!first || ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement.tagName) || e.ctrlKey || e.metaKey || e.altKey) return;
    const i = Number(e.key) - 1;
    if (e.key >= '1' && e.key <= '9' && i < first.length) { e.preventDefault(); first[i](); }
  });
  const guard = (fn) => () => fn().catch((e) => say('status', e.message, 'error'));
  document.getElementById('refresh').addEventListener('click', guard(refresh));
  document.getElementById('project-select').addEventListener('change', guard(refresh));
  rlhf.session().then(async () => {
    const projects = await api('GET', '/api/projects');
    document.getElementById('project-select').replaceChildren(...projects.map((p) => el('option', { value: p.id }, p.name)));
    await refresh();
  }).catch((e) => say('status', e.message, 'error'));
})();
