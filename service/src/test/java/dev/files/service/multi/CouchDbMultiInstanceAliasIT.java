package dev.files.service.multi;

import dev.files.store.couchdb.CouchDbTestServer;
import java.util.Map;

/**
 * Concurrent alias claims through three instances on one CouchDB (pouchdb-server) as the primary
 * store: the alias documents ({@code AliasClaims}) with their {@code _rev} decide.
 */
class CouchDbMultiInstanceAliasIT extends AbstractMultiInstanceAliasTest {
  @Override
  protected Map<String, String> stores() {
    CouchDbTestServer couch = CouchDbTestServer.shared();
    return Map.of(
        "FILES_STORE_PRIMARY",
        "couchdb",
        "FILES_STORE_LIST",
        "couchdb",
        "FILES_STORE_COUCHDB_URL",
        couch.url(),
        "FILES_STORE_COUCHDB_DATABASE",
        couch.freshDatabase());
  }
}
