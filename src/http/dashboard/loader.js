// The console's entry point as a plain deferred script (the pages load scripts that way): it loads the
// console's ES modules, all from this origin.
import('/assets/dashboard/main.js').catch((e) => {
  document.getElementById('loginError').textContent = 'The console could not load: ' + e.message;
});
