import express, { type Request, type Response } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** Passes a request on to another fake unchanged (method, path, content type, authorization, body). */
async function forward(target: string, req: Request, res: Response): Promise<void> {
  const headers: Record<string, string> = {};
  for (const h of ['content-type', 'authorization']) { const v = req.get(h); if (v) headers[h] = v; }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const answer = await fetch(`${target}${req.originalUrl}`, { method: req.method, headers, ...(hasBody ? { body: new Uint8Array(req.body as Buffer) } : {}) });
  res.status(answer.status);
  const type = answer.headers.get('content-type');
  if (type) res.type(type);
  res.send(Buffer.from(await answer.arrayBuffer()));
}

async function listen(app: express.Express) {
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export interface StoredFile { bytes: Buffer; contentType: string }

/**
 * Telegram's file API in front of the fake Bot API (test/fakes/telegram-api.ts): `getFile` answers a
 * file_path for the files put here, `GET /file/bot<token>/<path>` serves their bytes; every other call goes
 * on to the fake Bot API, which records it as before.
 */
export async function startTelegramFiles(botApiUrl: string, token: string) {
  const files = new Map<string, StoredFile>();
  const downloads: string[] = [];
  const app = express();
  app.use(express.raw({ type: () => true, limit: '1mb' }));
  app.post('/bot:token/getFile', (req, res) => {
    const fileId = JSON.parse(req.body.toString() || '{}').file_id as string;
    if (req.params.token !== token || !files.has(fileId)) { res.status(400).json({ ok: false, error_code: 400, description: 'Bad Request: invalid file_id' }); return; }
    res.json({ ok: true, result: { file_id: fileId, file_unique_id: `u-${fileId}`, file_size: files.get(fileId)!.bytes.length, file_path: `files/${fileId}` } });
  });
  app.get('/file/bot:token/files/:fileId', (req, res) => {
    downloads.push(req.params.fileId);
    const f = files.get(req.params.fileId);
    if (req.params.token !== token || !f) { res.status(404).end(); return; }
    res.type(f.contentType).send(f.bytes);
  });
  app.use((req, res) => { void forward(botApiUrl, req, res); });
  const server = await listen(app);
  return { ...server, downloads, put: (fileId: string, file: StoredFile) => { files.set(fileId, file); } };
}

/**
 * Twilio's media URLs (`/2010-04-01/Accounts/<sid>/Messages/<sid>/Media/<sid>`) in front of the fake REST
 * API (test/fakes/twilio-api.ts): serves the media put here to the account's basic auth only; every other
 * request goes on to the fake REST API.
 */
export async function startTwilioMedia(restApiUrl: string, accountSid: string, authToken: string) {
  const media = new Map<string, StoredFile>();
  const requests: { path: string; authorized: boolean }[] = [];
  const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const app = express();
  app.use(express.raw({ type: () => true, limit: '1mb' }));
  app.get('/2010-04-01/Accounts/:sid/Messages/:message/Media/:media', (req, res) => {
    const authorized = req.get('authorization') === expected && req.params.sid === accountSid;
    requests.push({ path: req.path, authorized });
    const m = media.get(req.params.media);
    if (!authorized) { res.status(401).json({ code: 20003, message: 'Authenticate', status: 401 }); return; }
    if (!m) { res.status(404).end(); return; }
    res.type(m.contentType).send(m.bytes);
  });
  app.use((req, res) => { void forward(restApiUrl, req, res); });
  const server = await listen(app);
  return {
    ...server, requests,
    /** Stores a file and returns the MediaUrl Twilio would put in the webhook. */
    put(messageSid: string, mediaSid: string, file: StoredFile): string {
      media.set(mediaSid, file);
      return `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Messages/${messageSid}/Media/${mediaSid}`;
    },
  };
}
