package dev.files.store.redis;

import java.util.List;

/**
 * What a walk or a scan chose: the candidates of the page (after the cursor, in the query's order,
 * at most offset + limit + 1) and the query's total.
 *
 * @param ordered the candidates, offset included
 * @param total the number of matches, or {@link dev.files.store.Page#UNCOUNTED}
 */
record Selection(List<Ref> ordered, long total) {}
