// The HMAC tokens: status links (per ticket, never stored) and the web form's serving token (bot check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HmacAccessTokens, HmacFormTokens } from '#functions/adapters/hmac-tokens.js';

const SECRET = 'a-test-secret-that-is-long-enough-1234';

describe('status-link tokens', () => {
  const tokens = new HmacAccessTokens(SECRET);

  it('carry 256 bits, verify for their ticket only, and differ per secret', () => {
    const token = tokens.issue('CF-2026-000001');
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(tokens.verify('CF-2026-000001', token)).toBe(true);
    expect(tokens.verify('CF-2026-000002', token)).toBe(false);
    expect(new HmacAccessTokens(`${SECRET}x`).verify('CF-2026-000001', token)).toBe(false);
  });

  it('refuse any other string, of any length', () => {
    const token = tokens.issue('CF-2026-000001');
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (guess) => {
        expect(tokens.verify('CF-2026-000001', guess)).toBe(guess === token);
      }),
    );
  });
});

describe('form tokens', () => {
  const forms = new HmacFormTokens(SECRET, 3_000, 86_400_000);
  const served = 1_795_000_000_000;

  it('pass once a person could have filled the form, until a day has gone by', () => {
    const token = forms.issue(served);
    expect(forms.check(token, served + 1_000)).toBe('too-fast');
    expect(forms.check(token, served + 3_000)).toBe('ok');
    expect(forms.check(token, served + 86_400_000)).toBe('ok');
    expect(forms.check(token, served + 86_400_001)).toBe('expired');
  });

  it('cannot be back-dated or forged', () => {
    const [stamp, signature] = forms.issue(served).split('.');
    const older = (served - 60_000).toString(36);
    expect(forms.check(`${older}.${signature}`, served + 5_000)).toBe('invalid');
    expect(forms.check(`${stamp}.${'A'.repeat(43)}`, served + 5_000)).toBe('invalid');
    expect(new HmacFormTokens(`${SECRET}x`).check(`${stamp}.${signature}`, served + 5_000)).toBe('invalid');
    for (const junk of [
      '',
      '.',
      'abc',
      `${stamp}.`,
      `.${signature}`,
      `-1.${signature}`,
      `${stamp}.${signature}.x`,
    ]) {
      expect(forms.check(junk, served + 5_000)).toBe('invalid');
    }
  });
});
