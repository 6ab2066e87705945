package dev.files.store.couchdb;

import static dev.files.testing.Await.await;

import dev.files.error.ErrorCode;
import dev.files.error.FileError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh store on the shared pouchdb-server for each test of this module's own tests. */
abstract class CouchDbTestBase {
  static final Vertx VERTX = Vertx.vertx();

  CouchDbFileStore store;
  String database;

  @BeforeEach
  void openStore() {
    database = CouchDbTestServer.shared().freshDatabase();
    store = await(CouchDbFileStore.open(VERTX, CouchDbTestServer.shared().url(), database));
  }

  @AfterEach
  void closeStore() {
    await(CouchDbTestServer.shared().dropAndClose(store));
  }

  /** Every document id of the test's database, design documents included, in id order. */
  List<String> documentIds() {
    CouchClient couch =
        new CouchClient(VERTX, CouchDbStoreConfig.of(CouchDbTestServer.shared().url(), database));
    try {
      JsonObject all =
          CouchClient.okBody(await(couch.db(HttpMethod.GET, "_all_docs", null)), "_all_docs");
      return all.getJsonArray("rows").stream()
          .map(row -> ((JsonObject) row).getString("id"))
          .toList();
    } finally {
      couch.close();
    }
  }

  static ErrorCode failureCode(Future<?> f) {
    try {
      await(f);
    } catch (FileError e) {
      return e.code();
    }
    throw new AssertionError("expected a failure");
  }
}
