/**
 * Small word lists the entity rules share. Lower case; compare with
 * `word.toLowerCase()`.
 */

/** Titles and honorifics that stand before a person's name ("Secretary", "Field Marshal", "Dr"). */
export const TITLE_WORDS = new Set([
  'president', 'vice', 'secretary', 'minister', 'prime', 'premier', 'chancellor', 'governor', 'senator', 'sen',
  'representative', 'rep', 'ambassador', 'envoy', 'mayor', 'judge', 'justice', 'general', 'gen', 'field', 'marshal',
  'admiral', 'colonel', 'col', 'captain', 'capt', 'lieutenant', 'lt', 'sergeant', 'sgt', 'commander', 'chief',
  'commissioner', 'director', 'chairman', 'chairwoman', 'chair', 'spokesman', 'spokeswoman', 'spokesperson',
  'professor', 'prof', 'dr', 'mr', 'mrs', 'ms', 'miss', 'sir', 'dame', 'lord', 'lady', 'king', 'queen', 'prince',
  'princess', 'pope', 'sheikh', 'deputy', 'acting', 'former', 'federal', 'foreign', 'ceo', 'chairperson', 'officer',
]);

/** Words that end an organisation's name ("State Department", "Export-Import Bank"). */
export const ORGANIZATION_HEADS = new Set([
  'department', 'ministry', 'bank', 'office', 'commission', 'corporation', 'corp', 'agency', 'council', 'partnership',
  'forum', 'administration', 'army', 'navy', 'party', 'university', 'institute', 'centre', 'center', 'company', 'group',
  'fund', 'reserve', 'committee', 'association', 'authority', 'board', 'bureau', 'consortium', 'court', 'foundation',
  'inc', 'ltd', 'llc', 'plc', 'organization', 'organisation', 'parliament', 'senate', 'congress', 'times', 'post',
  'news', 'press', 'agency', 'alliance', 'coalition', 'federation', 'union', 'assembly', 'cabinet', 'police', 'service',
]);

/** Capitalised words that begin sentences or title-case headlines and are never part of a name ("New" is: New Delhi). */
export const STOP_WORDS = new Set([
  'a', 'an', 'the', 'of', 'and', 'or', 'but', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'on', 'to', 'with',
  'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'its', 'their', 'our', 'this', 'that', 'these', 'those',
  'after', 'before', 'when', 'while', 'if', 'so', 'yet', 'however', 'has', 'have', 'had', 'is', 'are', 'was', 'were',
  'be', 'been', 'will', 'would', 'can', 'could', 'may', 'might', 'should', 'not', 'no', 'what', 'who', 'which',
  'why', 'how', 'where', 'over', 'under', 'about', 'than', 'then', 'there', 'here', 'also', 'only', 'even',
  'hosts', 'says', 'said', 'claims', 'rips', 'seeks', 'gets', 'left', 'out',
]);

/** Month and weekday names: capitalised, never a person. */
export const CALENDAR_WORDS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
]);
