package io.backorderengine.benchmark;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL the benchmarks measure on, set up as a production server runs. The library's
 * default turns {@code synchronous_commit} off (fast for tests): a commit then returns before its WAL
 * reaches the disk, and every transaction of a benchmark would skip the flush that a shop's server makes.
 * The benchmarks count transactions per order and per woken case, so they pay for that flush as
 * production does.
 */
final class BenchmarkPostgres {

    private BenchmarkPostgres() {}

    static EmbeddedPostgres start() throws IOException {
        return EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false)
                .setServerConfig("synchronous_commit", "on")
                .start();
    }
}
