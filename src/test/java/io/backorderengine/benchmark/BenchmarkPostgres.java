package io.backorderengine.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded PostgreSQL the benchmarks measure on, set up as a production server runs. The library's
 * default turns {@code synchronous_commit} off (fast for tests): a commit then returns before its WAL
 * reaches the disk, and every transaction of a benchmark would skip the flush that a shop's server makes.
 * The benchmarks count transactions per order and per woken case, so they pay for that flush as
 * production does.
 *
 * <p>With {@code -Dbenchmark.statements=true} the server also loads {@code pg_stat_statements} (shipped
 * with the embedded binaries), and a benchmark can write which statements its measured part spent its
 * database time on: the first question when a figure is to move.
 */
final class BenchmarkPostgres {

    private static final boolean STATEMENTS = Boolean.getBoolean("benchmark.statements");

    private BenchmarkPostgres() {}

    static EmbeddedPostgres start() throws IOException {
        EmbeddedPostgres.Builder builder =
                EmbeddedPostgres.builder().setRegisterShutdownHook(false).setServerConfig("synchronous_commit", "on");
        if (STATEMENTS) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        return builder.start();
    }

    /**
     * The statements a benchmark's measured part ran, by database time: started after setting up, with the
     * work a benchmark does between measurements (topping up a waiting line) left out.
     */
    static final class Profile {

        private record Statement(String query, long calls, double millis, long rows) {

            Statement minus(Statement other) {
                return other == null
                        ? this
                        : new Statement(query, calls - other.calls, millis - other.millis, rows - other.rows);
            }

            Statement plus(Statement other) {
                return new Statement(query, calls + other.calls, millis + other.millis, rows + other.rows);
            }
        }

        /** The profile of a run without {@code -Dbenchmark.statements=true}, or off PostgreSQL: it records nothing. */
        static final Profile OFF = new Profile(null);

        /** Null when {@link #OFF}. */
        private final JdbcTemplate jdbc;

        private final Map<Long, Statement> excluded = new HashMap<>();

        private Profile(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        /** Forgets the statements run so far (setting up); {@link #OFF} unless a profile was asked for. */
        static Profile start(JdbcTemplate jdbc) {
            if (!STATEMENTS) {
                return OFF;
            }
            jdbc.execute("create extension if not exists pg_stat_statements");
            jdbc.execute("select pg_stat_statements_reset()");
            return new Profile(jdbc);
        }

        /** Runs work that is not measured, and leaves its statements out of the profile. */
        void exclude(Step work) throws Exception {
            if (jdbc == null) {
                work.run();
                return;
            }
            Map<Long, Statement> before = snapshot();
            work.run();
            snapshot().forEach((id, after) -> excluded.merge(id, after.minus(before.get(id)), Statement::plus));
        }

        private Map<Long, Statement> snapshot() {
            Map<Long, Statement> statements = new HashMap<>();
            jdbc.query("select queryid, query, calls, total_exec_time, rows from pg_stat_statements", row -> {
                statements.merge(
                        row.getLong("queryid"),
                        new Statement(
                                row.getString("query"),
                                row.getLong("calls"),
                                row.getDouble("total_exec_time"),
                                row.getLong("rows")),
                        Statement::plus);
            });
            return statements;
        }

        /**
         * Writes the profile, the largest database time first, with calls and time per unit of work
         * ({@code units}: the orders or woken cases measured), to {@code file}.
         */
        void write(Path file, String unit, long units) throws IOException {
            if (jdbc == null) {
                return;
            }
            List<Statement> statements = new ArrayList<>();
            snapshot().forEach((id, after) -> {
                Statement measured = after.minus(excluded.get(id));
                if (measured.calls() > 0 && !measured.query().contains("pg_stat_statements")) {
                    statements.add(measured);
                }
            });
            statements.sort(Comparator.comparingDouble(Statement::millis).reversed());
            double millis = statements.stream().mapToDouble(Statement::millis).sum();
            long calls = statements.stream().mapToLong(Statement::calls).sum();
            StringBuilder md = new StringBuilder(String.format(
                    Locale.ROOT,
                    "Database time per %s: %.3f ms in %.1f statements (%,d measured)%n%n"
                            + "| ms per %s | calls per %s | rows per call | statement |%n| ---: | ---: | ---: | --- |%n",
                    unit,
                    millis / units,
                    (double) calls / units,
                    units,
                    unit,
                    unit));
            for (Statement s : statements.subList(0, Math.min(60, statements.size()))) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %.3f | %.2f | %.1f | `%s` |%n",
                        s.millis() / units,
                        (double) s.calls() / units,
                        (double) s.rows() / s.calls(),
                        s.query().replaceAll("\\s+", " ").replace("|", "\\|")));
            }
            Files.writeString(file, md.toString());
            System.out.println("Statements written to " + file.toAbsolutePath());
        }
    }

    /** Work between measurements. */
    interface Step {
        void run() throws Exception;
    }
}
