/**
 * This tab's id, sent with every API call (`X-Gloss-Origin`) and echoed in the
 * live-update events its writes cause, so the tab can tell its own changes from
 * other sessions'. New for every page load: two tabs are two sessions.
 */
export const TAB_ORIGIN: string = `tab-${crypto.randomUUID()}`;
