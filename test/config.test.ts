import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';
import { toE164 } from '../src/domain/phone';

describe('configuration', () => {
  it('has defaults that run with nothing set', () => {
    expect(loadConfig({})).toMatchObject({ PORT: 3000, HOLD_MINUTES: 30, CURRENCY: 'USD', DEFAULT_COUNTRY: 'US', LOG_LEVEL: 'info' });
    expect(loadConfig({ ADMIN_TOKEN: '' }).ADMIN_TOKEN).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty', /PORT/],
    ['HOLD_MINUTES', '0', /HOLD_MINUTES/],
    ['CURRENCY', 'dollars', /CURRENCY must be a three-letter ISO 4217 code/],
    ['DEFAULT_COUNTRY', 'XX', /DEFAULT_COUNTRY must be a two-letter country code/],
    ['ADMIN_TOKEN', 'short', /ADMIN_TOKEN must be at least 16 characters/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
    ['TRUST_PROXY', 'true', /TRUST_PROXY must be false, a hop count .*; true would let any client choose its address/],
    ['TRUST_PROXY', 'nginx', /TRUST_PROXY must be false, a hop count \(0-10\), or a comma-separated list of proxy addresses, CIDRs.*"nginx" is none of these/],
    ['TRUST_PROXY', '10.0.0.1, 10.0.0.300', /TRUST_PROXY .*"10\.0\.0\.300" is none of these/],
    ['TRUST_PROXY', '10.0.0.0/33', /TRUST_PROXY .*"10\.0\.0\.0\/33"/],
    ['TRUST_PROXY', '-1', /TRUST_PROXY/],
  ])('refuses %s=%s with one line naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it.each([
    [undefined, ['loopback']],
    ['false', 0],
    ['0', 0],
    ['1', 1],
    ['loopback', ['loopback']],
    ['127.0.0.1, 10.0.0.0/8, fd00::/8', ['127.0.0.1', '10.0.0.0/8', 'fd00::/8']],
  ])('reads TRUST_PROXY=%s as express\'s trust proxy %j', (value, trust) => {
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).TRUST_PROXY).toEqual(trust);
  });

  it.each([['HOLD_MINUTES', 'soon'], ['TRUST_PROXY', 'everyone']])('stops start-up with that one line and exit code 1 (%s=%s)', (name, value) => {
    let out = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, [name]: value, PORT: '0' }, stdio: 'pipe', timeout: 20_000 });
    } catch (err) {
      const e = err as { status: number; stderr: Buffer };
      expect(e.status).toBe(1);
      out = e.stderr.toString();
    }
    expect(out.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^Bad configuration: ${name} `))]);
  });

  it('stops with one clear line when MongoDB cannot be reached at start-up', () => {
    let out = '';
    let status = 0;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, MONGODB_URI: 'mongodb://user:pw@127.0.0.1:1/', PORT: '0' }, stdio: 'pipe', timeout: 30_000 });
    } catch (err) {
      status = (err as { status: number }).status;
      out = (err as { stderr: Buffer }).stderr.toString();
    }
    expect(status).toBe(1);
    expect(out.trim().split('\n')).toEqual([expect.stringMatching(/^Cannot reach MongoDB at mongodb:\/\/user:\*\*\*@127\.0\.0\.1:1\/: /)]);
  });

  it('refuses a catalog file that is not valid, naming the field', () => {
    let out = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, CATALOG_FILE: 'package.json', PORT: '0' }, stdio: 'pipe', timeout: 20_000 });
    } catch (err) {
      out = (err as { stderr: Buffer }).stderr.toString();
    }
    expect(out).toMatch(/package\.json is not a valid catalog/);
  });
});

describe('phone numbers', () => {
  it.each([
    ['+12025550123', '+12025550123'],
    ['+1 (202) 555-0123', '+12025550123'],
    ['202-555-0123', '+12025550123'],
    ['(202) 555-0123', '+12025550123'],
    ['whatsapp:+447911123456', '+447911123456'],
  ])('reads %s as %s', (input, e164) => {
    expect(toE164(input, 'US')).toEqual({ ok: true, phone: e164 });
  });

  it.each(['hello', '+1555', '123', '+999999999999', '', '+1 202 555 0123 ext 4 and more'])('refuses %j', (input) => {
    expect(toE164(input, 'US').ok).toBe(false);
  });

  it('reads local numbers in the default country', () => {
    expect(toE164('07911 123456', 'GB')).toEqual({ ok: true, phone: '+447911123456' });
  });
});
