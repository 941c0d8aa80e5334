/**
 * Names in the order a reader expects (Ä with A, case ignored). One Intl.Collator, made once: calling
 * String.localeCompare builds a collator per call, which cost ~60 ms when sorting 5,000 mentors.
 */
export const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true }).compare;
