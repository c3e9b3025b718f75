/**
 * Seed 000's list shape (Django REST framework's): `{ count, next, previous, results }`, where next and
 * previous are the same URL with another `page`, or null.
 */
export interface DrfPage<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export function drfPage<T>(requestUrl: string, count: number, page: number, pageSize: number, results: T[]): DrfPage<T> {
  const link = (p: number) => {
    const url = new URL(requestUrl);
    url.searchParams.set("page", String(p));
    url.searchParams.set("page_size", String(pageSize));
    return `${url.pathname}${url.search}`;
  };
  return {
    count,
    next: page * pageSize < count ? link(page + 1) : null,
    previous: page > 1 ? link(Math.min(page - 1, Math.max(1, Math.ceil(count / pageSize)))) : null,
    results,
  };
}
