import { describe, expect, it } from 'vitest';
import { maskNames, nameMatcher } from '../../../src/core/feedback/masking';

const mask = (text: string, names: string[]) => maskNames(text, nameMatcher(names));

describe('names in comments are masked', () => {
  it('masks full names, first names alone, without regard to case or accents', () => {
    const names = ['Chloé Martin', 'Jürgen Müller'];
    expect(mask('Chloé Martin helped me a lot', names)).toBe('[name] helped me a lot');
    expect(mask('thanks to chloe and to JURGEN', names)).toBe('thanks to [name] and to [name]');
    expect(mask('Herr Mueller was late', names)).toBe('Herr Mueller was late'); // a different spelling is a different word
    expect(mask('Müller’s advice', names)).toBe('[name] advice');
  });

  it('masks names in scripts without spaces, and Cyrillic and Arabic names word by word', () => {
    expect(mask('我的导师王小明很好', ['王小明'])).toBe('我的导师[name]很好');
    expect(mask('Дмитрий помог мне', ['Дмитрий Иванов'])).toBe('[name] помог мне');
    expect(mask('شكرا فاطمة', ['فاطمة الزهراء'])).toBe('شكرا [name]');
  });

  it('leaves other words alone, masks email addresses, and keeps composed and decomposed accents alike', () => {
    expect(mask('Anastasia is not Ana', ['Ana Ruiz'])).toBe('Anastasia is not [name]');
    expect(mask('write to ana.ruiz@example.org', ['Ana Ruiz'])).toBe('write to [email]');
    expect(mask('Chloe\u0301 was kind', ['Chloé Martin'])).toBe('[name] was kind');
    expect(mask('Jean-Luc said hi', ['Jean-Luc Picard'])).toBe('[name] said hi');
  });
});
