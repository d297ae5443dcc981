// Some clients send the password where the user name goes ("user:secret", "user secret", or the
// password alone), and Postfix logs the name it was given. Our policy: a user name is shown only when
// it looks like an account name; anything else is replaced, never shown in part, and never hashed
// (a hash of a password is as good as the password to someone guessing).
//   shown:   letters, digits and . _ - + = %, optionally @ and a domain; at most 64 characters;
//            and not a mix of upper case, lower case, digits and symbols 12 characters or longer
//            without a domain (how generated passwords look, not how people name accounts).
//   hidden:  everything else, e.g. anything with ':' or a blank, control characters, long names.

export const HIDDEN_USER = '(hidden: may be a password)';

const ACCOUNT = /^[A-Za-z0-9._=%+-]{1,64}(?:@[A-Za-z0-9.-]{1,253})?$/;

function looksGenerated(name: string): boolean {
  if (name.includes('@') || name.length < 12) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((c) => c.test(name)).length;
  return classes >= 3;
}

export function isShowableUser(name: string): boolean {
  return ACCOUNT.test(name) && !looksGenerated(name);
}

/** The name itself when it is showable, else the fixed placeholder. */
export function redactUser(name: string): string {
  return isShowableUser(name) ? name : HIDDEN_USER;
}

/** Log text is the client's text: no control characters or escape sequences reach a terminal. */
export function neutralise(text: string, max = 300): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
