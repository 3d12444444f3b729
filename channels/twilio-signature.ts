import express, { type RequestHandler } from 'express';
import twilio from 'twilio';

/**
 * Checks X-Twilio-Signature with the twilio library's own validator, against the public URL Twilio
 * called (PUBLIC_URL + path), so it holds behind a proxy or tunnel. Missing → 400, wrong → 403.
 */
export function verifyTwilio(authToken: string, publicUrl: string): RequestHandler {
  return (req, res, next) => {
    const signature = req.get('x-twilio-signature');
    if (!signature) { res.status(400).type('text/plain').send('missing X-Twilio-Signature header'); return; }
    const url = `${publicUrl}${req.originalUrl}`;
    const params = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, string>;
    if (!twilio.validateRequest(authToken, signature, url, params)) { res.status(403).type('text/plain').send('invalid X-Twilio-Signature'); return; }
    next();
  };
}

/** What every Twilio webhook route starts with: its form body read, then its signature checked. */
export function signedTwilioForm(authToken: string, publicUrl: string): RequestHandler[] {
  return [express.urlencoded({ extended: false, limit: '64kb' }), verifyTwilio(authToken, publicUrl)];
}
