// The annotator's page: fetch the next task, render it with its type's controls, submit with a
// submission key that stays the same across retries of this task (so a retry never counts twice).
(() => {
  const { api, el, say } = rlhf;
  let task = null, kind = null, shownAt = 0, submissionKey = null, busy = false;

  async function loadProjects() {
    const select = document.getElementById('project-select');
    for (const p of await api('GET', '/api/projects')) select.append(el('option', { value: p.id }, p.name));
    select.addEventListener('change', next);
  }

  async function next() {
    const project = document.getElementById('project-select').value;
    const form = document.getElementById('task-form');
    say('submit-status', '');
    task = await api('POST', '/api/tasks/next' + (project ? '?project=' + encodeURIComponent(project) : ''));
    if (!task) {
      form.classList.add('hidden');
      document.getElementById('task-meta').textContent = '';
      document.getElementById('task-title').textContent = 'All done';
      document.getElementById('guideline-box').classList.add('hidden');
      say('status', (document.body.dataset.saved ? 'Saved. ' : '') + 'No tasks for you right now. Thank you!', 'ok');
    } else {
      render();
    }
    // Counts finished loads, so a test (or a script) can wait for the page to settle after a submit.
    document.body.dataset.loads = String(Number(document.body.dataset.loads || 0) + 1);
  }

  function render() {
    kind = taskTypes[task.task_type];
    submissionKey = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2)) ;
    shownAt = Date.now();
    document.getElementById('task-title').textContent = title(task.task_type);
    document.getElementById('task-meta').textContent = task.project_name + ' · domain ' + task.domain;
    document.getElementById('guideline-version').textContent = '(version ' + task.guideline_version + ')';
    document.getElementById('guideline').textContent = task.guideline;
    document.getElementById('conversation').replaceChildren(...task.conversation.map((t) =>
      el('div', { class: 'turn ' + t.role.toLowerCase() }, el('strong', {}, t.role.toLowerCase() + ': '), t.content)));
    document.getElementById('shortcuts').replaceChildren('Keys: ' + kind.shortcuts);
    const work = document.getElementById('work');
    work.replaceChildren();
    kind.render(task, work);
    const j = task.justification;
    document.getElementById('justification-box').classList.toggle('hidden', j.mode === 'NONE');
    document.getElementById('justification').value = '';
    document.getElementById('justification-rule').textContent =
      j.mode === 'REQUIRED' ? '(required, at least ' + j.min_length + ' characters)' : '(optional' + (j.min_length ? ', at least ' + j.min_length + ' characters if given' : '') + ')';
    document.getElementById('task-form').classList.remove('hidden');
    document.getElementById('guideline-box').classList.remove('hidden');
    document.getElementById('work-title').focus?.();
  }

  function title(type) {
    return { PAIRWISE: 'Compare two responses', RANKING: 'Rank the responses', RATING: 'Rate the response',
      SAFETY: 'Safety review', DEMONSTRATION: 'Write the ideal response', MULTI_TURN: 'Continue the conversation' }[type];
  }

  async function submit(event) {
    if (event) event.preventDefault();
    if (!task || busy) return;
    let payload;
    try {
      payload = kind.payload();
    } catch (e) {
      say('submit-status', e.message, 'error');
      return;
    }
    const justification = document.getElementById('justification').value;
    if (justification.trim()) payload.justification = justification;
    payload.time_spent_ms = Date.now() - shownAt;
    payload.submission_key = submissionKey;
    busy = true;
    document.getElementById('submit-button').disabled = true;
    try {
      await api('POST', '/api/tasks/' + encodeURIComponent(task.task_id) + '/submit', payload);
      // Counted on the page so people (and tests) can see each acknowledgement.
      document.body.dataset.saved = String(Number(document.body.dataset.saved || 0) + 1);
      await next();
      if (task) say('status', 'Saved (' + document.body.dataset.saved + ' this session). Next task loaded.', 'ok');
    } catch (e) {
      say('submit-status', e.message, 'error');
      if (e.field === 'justification') document.getElementById('justification').focus();
      if (e.status === 410) await next();
    } finally {
      busy = false;
      document.getElementById('submit-button').disabled = false;
    }
  }

  document.addEventListener('keydown', (e) => {
    if (!task || !kind) return;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { submit(e); return; }
    const typing = ['TEXTAREA', 'INPUT', 'SELECT'].includes(document.activeElement.tagName) && document.activeElement.type !== 'radio';
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (kind.key(e)) e.preventDefault();
  });

  document.getElementById('task-form').addEventListener('submit', submit);
  document.getElementById('skip-button').addEventListener('click', next);
  rlhf.session().then(async () => { await loadProjects(); await next(); })
    .catch((e) => say('status', e.message, 'error'));
})();
