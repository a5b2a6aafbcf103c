/** The backend's limits for a note, repeated here so the browser can say so before sending. */
export const TITLE_MAX = 200;
export const BODY_MAX = 10_000;
