/**
 * Deterministic display names for sandbox-generated influencers.
 *
 * No external service and no randomness: the name is a pure function of the project's brand
 * context and the create hints. The hints other than `ordinal` choose a starting point and a
 * stride through the (first name × surname) grid of the gender's list; `ordinal` walks that
 * grid, so within one project and one set of hints the first `first × surname` personas
 * (900 with the lists below) all get distinct names.
 *
 * Every name is "<First> <Surname>", which satisfies the contract's DisplayName
 * (1–128 characters, no edge whitespace, no control characters).
 */
import { createHash } from 'node:crypto';
import type { AgeRange, Gender } from '../../generated/schema.js';

export type PersonaGender = Gender;
export type PersonaAgeRange = AgeRange;

export interface PersonaInput {
  brandContext: string;
  gender: PersonaGender;
  ageRange: PersonaAgeRange;
  prompt?: string;
  /** How many influencers the project already has; makes the Nth persona differ. */
  ordinal: number;
}

export const FEMALE_FIRST_NAMES: readonly string[] = Object.freeze([
  'Ava', 'Maya', 'Chloe', 'Isla', 'Nora', 'Zoe', 'Lila', 'Sofia', 'Amara', 'Elena',
  'Hana', 'Priya', 'Leila', 'Naomi', 'Clara', 'Mila', 'Aria', 'Freya', 'Ines', 'Yara',
  'Camille', 'Thea', 'Sienna', 'Jade', 'Lucia', 'Anaya', 'Mei', 'Zara', 'Vivian', 'Elise',
]);

export const MALE_FIRST_NAMES: readonly string[] = Object.freeze([
  'Leo', 'Milo', 'Ethan', 'Mateo', 'Julian', 'Marcus', 'Theo', 'Noah', 'Lucas', 'Adrian',
  'Omar', 'Rafael', 'Kenji', 'Arjun', 'Elias', 'Felix', 'Hugo', 'Jonah', 'Caleb', 'Diego',
  'Tariq', 'Oscar', 'Samuel', 'Nikolai', 'Idris', 'Dante', 'Malik', 'Soren', 'Vincent', 'Wesley',
]);

/** Gender-neutral first names, used for `non_binary`. */
export const NEUTRAL_FIRST_NAMES: readonly string[] = Object.freeze([
  'Nova', 'River', 'Sage', 'Rowan', 'Quinn', 'Kai', 'Remy', 'Ari', 'Jules', 'Robin',
  'Skyler', 'Phoenix', 'Emery', 'Sasha', 'Marlowe', 'Indigo', 'Wren', 'Ellis', 'Hollis', 'Reese',
  'Avery', 'Jordan', 'Blake', 'Drew', 'Finley', 'Lumen', 'Onyx', 'Rain', 'Shiloh', 'Tatum',
]);

export const SURNAMES: readonly string[] = Object.freeze([
  'Reyes', 'Laurent', 'Okafor', 'Nakamura', 'Bennett', 'Castillo', 'Sato', 'Moreau', 'Haddad', 'Kowalski',
  'Lindqvist', 'Mensah', 'Rossi', 'Park', 'Whitaker', 'Das', 'Alvarez', 'Byrne', 'Ferreira', 'Vega',
  'Hart', 'Sterling', 'Chen', 'Nguyen', 'Adeyemi', 'Novak', 'Silva', 'Fischer', 'Monroe', 'Ellison',
  'Mori',
]);

export const FIRST_NAMES_BY_GENDER: Readonly<Record<PersonaGender, readonly string[]>> = Object.freeze({
  female: FEMALE_FIRST_NAMES,
  male: MALE_FIRST_NAMES,
  non_binary: NEUTRAL_FIRST_NAMES,
});

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

export function personaName(input: PersonaInput): string {
  const firsts = FIRST_NAMES_BY_GENDER[input.gender];
  const combos = firsts.length * SURNAMES.length;

  // Everything except the ordinal picks the walk; the ordinal is the step along it.
  const digest = createHash('sha256')
    .update(JSON.stringify([input.brandContext, input.gender, input.ageRange, input.prompt ?? null]))
    .digest();
  const start = digest.readUInt32BE(0) % combos;
  let stride = 1 + (digest.readUInt32BE(4) % (combos - 1));
  while (gcd(stride, combos) !== 1) stride = (stride % (combos - 1)) + 1;

  const ordinal = Number.isFinite(input.ordinal) ? Math.trunc(input.ordinal) : 0;
  const step = ((ordinal % combos) + combos) % combos;
  const index = (start + step * stride) % combos;

  // index < firsts.length × SURNAMES.length, so both lookups are in range.
  const first = firsts[index % firsts.length]!;
  const last = SURNAMES[Math.floor(index / firsts.length)]!;
  return `${first} ${last}`;
}
