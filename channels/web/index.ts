import { readFileSync } from 'node:fs';
import { Router } from 'express';
import type { ChannelAdapter } from '../channel';

const page = readFileSync(new URL('./chat.html', import.meta.url), 'utf8');

/** The local web chat: a page at / that talks to POST /api/messages as any phone number. */
export function webChat(storeName: string, apiToken?: string): ChannelAdapter {
  const html = page
    .replaceAll('{{storeName}}', storeName.replace(/[<>&"]/g, ''))
    .replace('{{needsToken}}', apiToken ? 'true' : 'false');
  return {
    name: 'web',
    routes() {
      const router = Router();
      router.get('/', (_req, res) => { res.type('html').send(html); });
      return router;
    },
  };
}
