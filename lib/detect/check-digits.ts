import type { CheckDigit } from '../contract/detection-patterns.ts';

const digitsOf = (value: string) => [...value.replace(/\D/g, '')].map(Number);

/** ISO/IEC 7812 Luhn: from the right, every second digit doubled (minus 9 above 9); the sum ends in 0. */
export function luhnValid(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length < 2) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits[digits.length - 1 - i] ?? 0;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** GS1 mod 10 (EAN, UPC): weights 3 and 1 alternate leftwards from the digit before the check digit. */
export function mod10Valid(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length < 2) return false;
  const check = digits[digits.length - 1];
  let sum = 0;
  for (let i = 1; i < digits.length; i++) sum += (digits[digits.length - 1 - i] ?? 0) * (i % 2 === 1 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === check;
}

export function checkDigitValid(kind: CheckDigit, value: string): boolean {
  if (kind === 'luhn') return luhnValid(value);
  if (kind === 'mod10') return mod10Valid(value);
  return true;
}
