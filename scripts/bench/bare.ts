// The baseline: an express endpoint that does what any Twilio webhook must (read the form, check the
// signature with twilio's validator, as Grocer does) and answers constant TwiML. Run as its own process.
import express from 'express';
import { signedTwilioForm } from '../../channels/twilio-signature';
import { AUTH_TOKEN, MESSAGING_PATH, PUBLIC_URL } from './client';

const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Thanks!</Message></Response>';

const app = express();
app.disable('x-powered-by');
app.get('/healthz', (_req, res) => { res.json({ ok: true }); });
app.post(MESSAGING_PATH, ...signedTwilioForm(AUTH_TOKEN, PUBLIC_URL), (_req, res) => { res.type('text/xml').send(TWIML); });
app.listen(Number(process.env.PORT), '127.0.0.1');
