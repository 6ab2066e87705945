package dev.files.service.e2e;

import dev.files.store.couchdb.CouchDbTestServer;
import java.nio.file.Path;
import java.util.Map;

/** CouchDB alone as primary and list store, with local storage. */
class CouchDbEndToEndIT extends AbstractEndToEndTest {
  @Override
  protected Map<String, String> environment(Path dataDir) {
    CouchDbTestServer couch = CouchDbTestServer.shared();
    return Map.of(
        "FILES_STORE_PRIMARY", "couchdb",
        "FILES_STORE_LIST", "couchdb",
        "FILES_STORE_COUCHDB_URL", couch.url(),
        "FILES_STORE_COUCHDB_DATABASE", couch.freshDatabase(),
        "FILES_STORAGE_TYPE", "local");
  }
}
