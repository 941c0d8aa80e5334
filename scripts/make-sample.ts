// Regenerates resources/sample-cohort.csv (the "Load sample cohort" data) from its fixed seed.
import { writeFileSync } from 'node:fs';
import { generateRegistrationCsv } from '../src/core/sample/generate';

writeFileSync(new URL('../resources/sample-cohort.csv', import.meta.url), generateRegistrationCsv({ mentors: 24, mentees: 60, seed: 2026 }));
console.log('wrote resources/sample-cohort.csv');
