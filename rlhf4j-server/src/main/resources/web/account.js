// Account page: change one's own password, end every session of the account.
(() => {
  const { api, say } = rlhf;
  document.getElementById('password-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const r = await api('POST', '/api/me/password', {
        current_password: document.getElementById('current-password').value,
        new_password: document.getElementById('new-password').value });
      document.getElementById('current-password').value = '';
      document.getElementById('new-password').value = '';
      say('status', 'Password changed; ' + r.other_sessions_ended + ' other session(s) ended.', 'ok');
    } catch (err) { say('status', err.message, 'error'); }
  });
  document.getElementById('logout-everywhere').addEventListener('click', async () => {
    try {
      await api('POST', '/api/logout-everywhere');
      location.href = '/';
    } catch (err) { say('status', err.message, 'error'); }
  });
  rlhf.session().catch((e) => say('status', e.message, 'error'));
})();
