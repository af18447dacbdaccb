/** Yields every item across pages, following `nextCursor` until it is null. */
export async function* paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ data: T[]; nextCursor: string | null }>,
  cursor?: string,
): AsyncGenerator<T, void, undefined> {
  do {
    const page = await fetchPage(cursor);
    yield* page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
