import { z } from 'zod';
import { settingsBody, settingsInput, settingsJson } from '../settings/input';
import { error, json, jsonBodyErrors, unauthorized, type RouteDoc } from './openapi-parts';

const stale = z.object({ error: z.string(), settings: settingsJson });

export const SETTINGS_ROUTES: RouteDoc[] = [
  {
    method: 'get', path: '/admin/settings', operationId: 'getSettings', tag: 'Admin', security: ['adminToken'],
    summary: 'The store settings: name and contact, opening hours, closures, same-day cut-off, time zone, delivery fee, minimum order, FAQ',
    responses: { 200: { description: 'The settings, with the version to name when saving', json: settingsBody }, 401: unauthorized },
  },
  {
    method: 'put', path: '/admin/settings', operationId: 'saveSettings', tag: 'Admin', security: ['adminToken'],
    summary: 'Change the store settings (owner only). Name the version read; fields left out stay as they are. Every process uses the change within seconds',
    body: json(settingsInput),
    responses: {
      200: { description: 'The settings as saved (the version is one more)', json: settingsBody },
      ...jsonBodyErrors,
      401: unauthorized,
      403: error('Signed in as staff: only the owner changes the settings'),
      409: { description: 'Someone saved since that version: the current settings come back; nothing was changed', json: stale },
    },
  },
];
