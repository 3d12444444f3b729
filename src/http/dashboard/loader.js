// The console's entry point as a plain deferred script (the pages load scripts that way): it loads the
// console's ES modules, all from this origin.

// Until the modules have loaded, no form has its handler: Enter pressed early (a slow connection, a quick
// typist) would send the form the browser's way, reloading the page and losing what was typed. Such a form
// is held and sent once the console is ready.
let ready = false;
let held = null;
document.addEventListener('submit', (e) => {
  if (ready || e.target.method === 'dialog') return;
  e.preventDefault();
  held = e.target;
}, true);

import('/assets/dashboard/main.js').then(() => {
  ready = true;
  if (held && held.isConnected) held.requestSubmit();
  held = null;
}).catch((e) => {
  document.getElementById('loginError').textContent = 'The console could not load: ' + e.message;
});
