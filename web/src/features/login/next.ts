// The page to return to after signing in: only a path of this app (never another origin or /api).
export function safeNext(next: string | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/api') || next.startsWith('/login')) return null;
  return next;
}
