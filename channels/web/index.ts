import { readFileSync } from 'node:fs';
import { Router } from 'express';
import type { ChannelAdapter } from '../channel';

const read = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');
const page = read('./chat.html');
const script = read('./chat.js');
const styles = read('./chat.css');

/**
 * The web chat page at /: it verifies the customer's phone with a one-time code, then chats through the
 * /chat routes (src/http/chat.ts) with a session cookie. Script and styles are files of their own, so the
 * Content-Security-Policy needs no inline code.
 */
export function webChat(storeName: string): ChannelAdapter {
  const html = page.replaceAll('{{storeName}}', storeName.replace(/[<>&"]/g, ''));
  return {
    name: 'web',
    routes() {
      const router = Router();
      router.get('/', (_req, res) => { res.type('html').send(html); });
      router.get('/assets/chat.js', (_req, res) => { res.type('js').send(script); });
      router.get('/assets/chat.css', (_req, res) => { res.type('css').send(styles); });
      return router;
    },
  };
}
