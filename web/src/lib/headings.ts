// Headings that name a thing and qualify it (an org and its level, a user and their role) must not
// say the same word twice: "总行 总行" for the head office, "支行行长 · 支行行长" for a president
// whose display name is their role.

/** `separator + word`, or '' when `name` already says `word` ("温州会展中心支行" already says 支行). */
export function notRepeated(name: string | null | undefined, word: string, separator = ' '): string {
  if (!word) return '';
  return name && name.includes(word) ? '' : `${separator}${word}`;
}
