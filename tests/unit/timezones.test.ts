import { describe, expect, it } from 'vitest';
import { normaliseTimeZone } from '../../src/core/import/timezones';

const accepted = (input: string) => {
  const result = normaliseTimeZone(input);
  if (!result.ok) throw new Error(`"${input}" was refused: ${result.error}`);
  return result.value;
};
const refused = (input: string) => {
  const result = normaliseTimeZone(input);
  if (result.ok) throw new Error(`"${input}" was accepted as ${result.value}`);
  return result.error;
};

describe('time zone normalisation', () => {
  it('keeps IANA names, fixing their case', () => {
    expect(accepted('Europe/Berlin')).toBe('Europe/Berlin');
    expect(accepted('america/new_york')).toBe('America/New_York');
    expect(accepted('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(accepted('utc')).toBe('UTC');
  });

  it('turns offsets into fixed UTC offsets', () => {
    expect(accepted('UTC+5:30')).toBe('UTC+05:30');
    expect(accepted('GMT-3')).toBe('UTC-03:00');
    expect(accepted('+02:00')).toBe('UTC+02:00');
    expect(accepted('UTC−0700')).toBe('UTC-07:00');
    expect(accepted('GMT+0')).toBe('UTC');
    expect(refused('UTC+15')).toMatch(/outside/);
  });

  it('maps unambiguous abbreviations and form labels to zones with DST rules', () => {
    expect(accepted('PST')).toBe('America/Los_Angeles');
    expect(accepted('cet')).toBe('Europe/Paris');
    expect(accepted('(GMT-05:00) Eastern Time (US & Canada)')).toBe('America/New_York');
    expect(accepted('(UTC+01:00) Amsterdam, Berlin, Bern')).toBe('Europe/Amsterdam');
    expect(accepted('Tokyo')).toBe('Asia/Tokyo');
  });

  it('refuses ambiguous abbreviations, naming the candidates', () => {
    const error = refused('IST');
    expect(error).toMatch(/ambiguous/);
    expect(error).toContain('Asia/Kolkata');
    expect(error).toContain('Europe/Dublin');
    expect(refused('CST')).toContain('Asia/Shanghai');
  });

  it('refuses unknown zones with a suggestion', () => {
    expect(refused('Europe/Londn')).toContain('did you mean "Europe/London"');
    expect(refused('Berlinn')).toContain('Europe/Berlin');
    expect(refused('the moon')).toMatch(/unknown time zone/);
  });
});
