// A table's sort kept in the URL (?sort=…&order=…), so a sorted list is a shareable link and Back
// restores it; with the list's rows, download links and total, the props of a server list's
// DataTable (the league, the benchmarking page).
import { app } from './state.svelte.ts';
import type { Listed } from './api.ts';
import type { SortDir } from './table.ts';

export interface UrlSort {
  readonly sortKey: string;
  readonly sortDir: SortDir;
  onsort(key: string, dir: SortDir): void;
}

/** DataTable's sortKey, sortDir and onsort from and to the URL; descending unless it says asc. */
export function urlSort(defaultKey: string): UrlSort {
  return {
    get sortKey() {
      return app.route.query.sort ?? defaultKey;
    },
    get sortDir(): SortDir {
      return app.route.query.order === 'asc' ? 'asc' : 'desc';
    },
    onsort: (key, dir) => app.setQuery({ sort: key, order: dir }, true),
  };
}

/** DataTable's rows, exportHrefs and total from a server list. */
export function listedRows<R>(data: Listed<R>): { rows: R[]; exportHrefs: Listed<R>['exports']; total: number } {
  return { rows: data.rows, exportHrefs: data.exports, total: data.total };
}
