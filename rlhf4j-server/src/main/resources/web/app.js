// Shared helpers for every page: the API client (adds the CSRF token to state-changing calls),
// safe DOM building (text only, never innerHTML with data), and the page header.
const rlhf = (() => {
  let csrf = null;

  async function api(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
    const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
    if (res.status === 204) return null;
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      const err = new Error(data.error || ('HTTP ' + res.status));
      err.status = res.status; err.field = data.field;
      throw err;
    }
    if (data && data.csrf_token) csrf = data.csrf_token;
    return data;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) node.addEventListener(k.substring(2), v);
      else if (k === 'class') node.className = v;
      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
    return node;
  }

  function homeOf(role) {
    return role === 'ADMIN' ? '/admin.html' : role === 'REVIEWER' ? '/dashboard.html' : '/annotate.html';
  }

  /** Loads the session (redirects to login without one) and fills the header nav. */
  async function session() {
    try {
      const me = await api('GET', '/api/me');
      const nav = document.getElementById('nav');
      if (nav) {
        const links = [['/annotate.html', 'Annotate']];
        if (me.user.role === 'ADMIN') links.push(['/admin.html', 'Admin']);
        if (me.user.role !== 'ANNOTATOR') links.push(['/dashboard.html', 'Dashboard'], ['/review.html', 'Review']);
        links.push(['/account.html', 'Account']);
        nav.replaceChildren(...links.map(([href, text]) => el('a', { href }, text)),
          el('span', { class: 'who' }, me.user.display_name + ' (' + me.user.role.toLowerCase() + ')'),
          el('button', { class: 'link', type: 'button', onclick: async () => { await api('POST', '/api/logout'); location.href = '/'; } }, 'Log out'));
      }
      return me.user;
    } catch (e) {
      location.href = '/';
      throw e;
    }
  }

  function say(id, text, kind) {
    const s = document.getElementById(id);
    s.className = 'status' + (kind ? ' ' + kind : '');
    s.textContent = text;
  }

  return { api, el, homeOf, session, say };
})();
