import type { Candidate } from './candidate.ts';
import { MULTIPLIER, NUMBER, NUMBER_START, SPACE } from './numbers.ts';
import { matchSpans } from './spans.ts';

const SYMBOL = String.raw`(?:[A-Z]{1,2}\$|\$|€|£|¥|₹|₨)`;
const CODE = String.raw`(?:USD|EUR|GBP|JPY|CNY|RMB|INR|PKR|CHF|CAD|AUD|Rs\.?)`;
const WORD = String.raw`(?:(?:US |U\.S\. |American |Australian |Canadian |Hong Kong |Singapore )?dollars|euros|pounds(?: sterling)?|rupees|yuan|renminbi|yen|francs|rubles|roubles|riyals|dirhams|pesos)`;

/**
 * Amounts of money: "$500 million", "US$ 500 million", "€3bn", "PKR 1,200",
 * "500 million dollars". A bare "billions" is not an amount.
 */
const MONEY = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${SYMBOL}|${CODE}${SPACE}?)${SPACE}?(?:${NUMBER})${MULTIPLIER}?(?![\p{N}])` +
    String.raw`|${NUMBER_START}(?:${NUMBER})${MULTIPLIER}?${SPACE}(?:${WORD}|${CODE})(?![\p{L}])`,
  'gu',
);

/** Money candidates in `text`. */
export function findMoney(text: string): Candidate[] {
  return matchSpans(MONEY, text).map((s) => ({ ...s, type: 'money', source: 'money-rules', reason: 'amount of money' }));
}
