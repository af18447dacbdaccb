/** Deterministic persona display names for the sandbox (src/sandbox/persona.ts). */
import { describe, expect, it } from 'vitest';
import {
  FEMALE_FIRST_NAMES,
  FIRST_NAMES_BY_GENDER,
  MALE_FIRST_NAMES,
  NEUTRAL_FIRST_NAMES,
  personaName,
  SURNAMES,
  type PersonaAgeRange,
  type PersonaGender,
  type PersonaInput,
} from '../../src/sandbox/persona.js';

const DISPLAY_NAME = /^\S(.*\S)?$/;
const GENDERS: readonly PersonaGender[] = ['male', 'female', 'non_binary'];
const AGES: readonly PersonaAgeRange[] = ['teen', 'young_adult', 'adult', 'mid_adult', 'mature', 'senior'];
const base: PersonaInput = { brandContext: 'Reef-safe sunscreen for surfers', gender: 'female', ageRange: 'young_adult', ordinal: 0 };

function split(name: string): [string, string] {
  const parts = name.split(' ');
  expect(parts).toHaveLength(2);
  return [parts[0]!, parts[1]!];
}

function distinct(names: readonly string[]): number {
  return new Set(names).size;
}

describe('name lists', () => {
  it('have about 30 unique, whitespace-free entries each', () => {
    for (const list of [FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, NEUTRAL_FIRST_NAMES, SURNAMES]) {
      expect(list.length).toBeGreaterThanOrEqual(25);
      expect(new Set(list).size).toBe(list.length);
      for (const name of list) expect(name).toMatch(/^\S+$/);
    }
  });

  it('keep the female, male and neutral first names disjoint', () => {
    const all = [...FEMALE_FIRST_NAMES, ...MALE_FIRST_NAMES, ...NEUTRAL_FIRST_NAMES];
    expect(new Set(all).size).toBe(all.length);
  });

  it('map each gender to its own list', () => {
    expect(FIRST_NAMES_BY_GENDER.female).toBe(FEMALE_FIRST_NAMES);
    expect(FIRST_NAMES_BY_GENDER.male).toBe(MALE_FIRST_NAMES);
    expect(FIRST_NAMES_BY_GENDER.non_binary).toBe(NEUTRAL_FIRST_NAMES);
  });
});

describe('personaName', () => {
  it('is deterministic', () => {
    expect(personaName(base)).toBe(personaName({ ...base }));
    expect(personaName({ ...base, prompt: 'sunny, upbeat' })).toBe(personaName({ ...base, prompt: 'sunny, upbeat' }));
  });

  it('is stable across releases (pinned values)', () => {
    expect(personaName({ brandContext: 'Sunscreen for surfers', gender: 'female', ageRange: 'adult', ordinal: 1 })).toBe('Lucia Fischer');
    expect(personaName({ brandContext: 'Sunscreen for surfers', gender: 'male', ageRange: 'adult', ordinal: 0 })).toBe('Diego Laurent');
    expect(personaName({ brandContext: 'Sunscreen for surfers', gender: 'non_binary', ageRange: 'adult', ordinal: 2 })).toBe('Drew Das');
  });

  it('varies with brandContext', () => {
    const names = Array.from({ length: 20 }, (_, i) => personaName({ ...base, brandContext: `Brand number ${i}` }));
    expect(distinct(names)).toBeGreaterThanOrEqual(17);
  });

  it('varies with gender, always drawing from that gender’s list', () => {
    const names = GENDERS.map((gender) => personaName({ ...base, gender }));
    expect(distinct(names)).toBe(3);
    GENDERS.forEach((gender, i) => expect(FIRST_NAMES_BY_GENDER[gender]).toContain(split(names[i]!)[0]));
  });

  it('varies with ageRange', () => {
    const names = AGES.map((ageRange) => personaName({ ...base, ageRange }));
    expect(distinct(names)).toBeGreaterThanOrEqual(5);
  });

  it('varies with prompt, and an absent prompt differs from the prompts given', () => {
    const names = Array.from({ length: 20 }, (_, i) => personaName({ ...base, prompt: `persona hint ${i}` }));
    expect(distinct(names)).toBeGreaterThanOrEqual(17);
    expect(personaName(base)).toBe(personaName({ ...base, prompt: undefined }));
  });

  it('gives every ordinal in a project a different name, for the whole first×surname grid', () => {
    for (const gender of GENDERS) {
      const grid = FIRST_NAMES_BY_GENDER[gender].length * SURNAMES.length;
      const names = Array.from({ length: grid }, (_, ordinal) => personaName({ ...base, gender, ordinal }));
      expect(distinct(names)).toBe(grid);
    }
    // Consecutive personas should not even share a first name most of the time.
    const firsts = Array.from({ length: 10 }, (_, ordinal) => split(personaName({ ...base, ordinal }))[0]);
    expect(distinct(firsts)).toBeGreaterThanOrEqual(7);
  });

  it('always yields a contract DisplayName from the gender-appropriate list', () => {
    const contexts = ['', ' ', 'x', 'Café ☕ — “quoted”\nmulti-line', 'a'.repeat(5000), 'Layers'];
    const prompts = [undefined, '', '   ', 'bold, witty', '日本語のプロンプト'];
    const ordinals = [0, 1, 2, 7, 63, 899, 900, 10_000, -1, 1.7, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER];
    let count = 0;
    for (const brandContext of contexts)
      for (const gender of GENDERS)
        for (const ageRange of AGES)
          for (const prompt of prompts)
            for (const ordinal of ordinals) {
              const input: PersonaInput = { brandContext, gender, ageRange, ordinal };
              if (prompt !== undefined) input.prompt = prompt;
              const name = personaName(input);
              expect(name).toMatch(DISPLAY_NAME);
              expect(name.length).toBeGreaterThanOrEqual(1);
              expect(name.length).toBeLessThanOrEqual(128);
              const [first, last] = split(name);
              expect(FIRST_NAMES_BY_GENDER[gender]).toContain(first);
              expect(SURNAMES).toContain(last);
              if (gender === 'female') expect(MALE_FIRST_NAMES).not.toContain(first);
              if (gender === 'male') expect(FEMALE_FIRST_NAMES).not.toContain(first);
              count++;
            }
    expect(count).toBe(contexts.length * 3 * AGES.length * prompts.length * ordinals.length);
  });
});
