// Login page: posts credentials, then sends each role to its home page.
document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const status = document.getElementById('status');
  status.className = 'status';
  status.textContent = 'Logging in…';
  try {
    const me = await rlhf.api('POST', '/api/login', {
      username: document.getElementById('username').value,
      password: document.getElementById('password').value,
    });
    location.href = rlhf.homeOf(me.user.role);
  } catch (e) {
    status.className = 'status error';
    status.textContent = e.message;
    document.getElementById('password').focus();
  }
});
