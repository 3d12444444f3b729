import { Router } from 'express';
import type { SettingsService } from '../settings/service';
import { settingsInput, toChange, toJson } from '../settings/input';
import { actorOf, ownerOnly } from './actor';
import { parseOr400 } from './errors';

/**
 * The store's settings: anyone signed in to the console reads them; only the owner (or the admin token)
 * saves them, naming the version they read: a save over a version someone else replaced since is a 409
 * with the current settings, never a silent overwrite. Mounted after the admin sign-in check.
 */
export function settingsRoutes(core: { settings: SettingsService }): Router {
  const router = Router();

  router.get('/admin/settings', async (_req, res) => {
    res.json({ settings: toJson(await core.settings.fresh()) });
  });

  router.put('/admin/settings', ownerOnly, async (req, res) => {
    const input = parseOr400(settingsInput, req.body, res, 'settings');
    if (!input) return;
    const current = await core.settings.fresh();
    const actor = actorOf(res);
    const result = await core.settings.save(toChange(input, current), input.version, actor.kind === 'admin' ? 'admin' : actor.name);
    if (!result.ok) {
      res.status(409).json({
        error: `the settings were changed by ${result.current.updatedBy ?? 'someone else'} since you opened them (version ${input.version}, now ${result.current.version}); reload them and make your change again`,
        settings: toJson(result.current),
      });
      return;
    }
    res.json({ settings: toJson(result.settings) });
  });

  return router;
}
