/**
 * The one way Pairwise compares program names, cohort names and emails, in JavaScript and (through the
 * stored key columns) in SQL. SQLite's lower() folds only ASCII, so keys are computed here and stored.
 *
 * The rule: Unicode NFC (a precomposed "É" and "E" + combining acute are one letter), surrounding white
 * space trimmed and inner runs collapsed to one space, then case folded with a lower-upper-lower round
 * trip, which is locale-independent and folds what plain toLowerCase() leaves apart:
 *   - German ß, ẞ and SS fold alike ("Straße" = "STRASSE"); ligatures too ("ﬁ" = "fi").
 *   - Greek σ, ς and Σ fold alike: final sigma is restored by position, whatever was typed.
 *   - Turkish dotted İ/i and dotless I/ı all fold to "i": a name typed in capitals (where Turkish İ and I
 *     both appear) finds the same name typed in lower case. The cost, two names that differ only by
 *     dotted versus dotless i being one name, is accepted for names and emails.
 * Accents stay significant ("Été" is not "Ete").
 */
export function foldKey(text: string): string {
  return text
    .normalize('NFC')
    .trim()
    .replace(/\s+/gu, ' ')
    .toLowerCase()
    .toUpperCase()
    .toLowerCase()
    .replace(/i\u0307/g, 'i')
    .normalize('NFC');
}
