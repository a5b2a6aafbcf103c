/** The backend's httpOnly session cookie. The frontend only checks whether it is there. */
export const SESSION_COOKIE = "session";
