/**
 * Regular-expression pieces shared by the money and percentage rules.
 * Sources, not RegExp objects, so the rules can compose them.
 */

/** A space inside an expression: plain, no-break, narrow no-break ("US$ 500 million") or thin. */
export const SPACE = String.raw`[ \u00A0\u202F\u2009]`;

/** Not glued to a preceding letter, digit or decimal point. */
export const NUMBER_START = String.raw`(?<![\p{L}\p{N}.,])`;

/** "500", "14.8", "30,000", "1,250.50". */
export const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;

/** "500 million", "1.2bn", "3 trillion", "40k". */
export const MULTIPLIER = String.raw`(?:${SPACE}(?:thousand|million|billion|trillion)|(?:k|m|mn|bn|tn)(?![\p{L}\p{N}]))`;
